using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orca.ApiServer.Discovery;
using Orca.ApiServer.Handlers;
using Orca.ApiServer.Security;

namespace Orca.ApiServer.Http;

/// <summary>
/// The request path of the API server: errors → authentication → routing to version, health,
/// discovery, OpenAPI or a resource. Any failure becomes a metav1.Status; an unexpected exception
/// is logged and answered 500 without crashing the server.
/// </summary>
internal sealed partial class RequestPipeline(
    Authenticator authenticator,
    DiscoveryDocuments discovery,
    OpenApiEndpoint openApi,
    ResourceHandler resources,
    Func<bool> ready,
    ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            var path = context.Request.Path.Value ?? "/";
            var auth = authenticator.Authenticate(context.Request.Headers.Authorization, context.Connection.ClientCertificate);
            if (!auth.IsAuthenticated && !Authenticator.IsAnonymousPath(path)) throw ApiErrors.Unauthorized();
            await RouteAsync(context, path);
        }
        catch (StatusException e)
        {
            await TryWriteStatusAsync(context, e.Status);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (BadHttpRequestException e)
        {
            await TryWriteStatusAsync(context, ApiErrors.Make(e.StatusCode, e.StatusCode == 413 ? "RequestEntityTooLarge" : "BadRequest", e.Message).Status);
        }
        catch (Exception e)
        {
            LogUnexpected(logger, context.Request.Method, context.Request.Path, e);
            await TryWriteStatusAsync(context, ApiErrors.Internal(e.Message).Status);
        }
    }

    private static async Task TryWriteStatusAsync(HttpContext context, Orca.Api.Meta.Status status)
    {
        if (context.Response.HasStarted) return;
        context.Response.Headers.Remove("Content-Length");
        await Responses.WriteStatusAsync(context, status);
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        switch (path)
        {
            case "/version" or "/version/":
                await Responses.WriteJsonBytesAsync(context, 200, ServerInfo.VersionJson);
                return;
            case "/healthz" or "/livez":
                await WriteTextAsync(context, 200, "ok");
                return;
            case "/readyz":
                await WriteTextAsync(context, ready() ? 200 : 503, ready() ? "ok" : "not ready");
                return;
            case "/api" or "/api/":
                await DiscoveryAsync(context, discovery.AggregatedCore, "/api");
                return;
            case "/apis" or "/apis/":
                await DiscoveryAsync(context, discovery.AggregatedGroups, "/apis");
                return;
        }
        if (path.StartsWith("/healthz/", StringComparison.Ordinal) || path.StartsWith("/livez/", StringComparison.Ordinal)
            || path.StartsWith("/readyz/", StringComparison.Ordinal))
        {
            await WriteTextAsync(context, 200, "ok");
            return;
        }
        if (path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            await openApi.HandleAsync(context, path);
            return;
        }
        if (method == "GET" && discovery.TryGetLegacy(path, out var doc))
        {
            await Responses.WriteJsonBytesAsync(context, 200, doc);
            return;
        }
        var info = RequestInfo.Parse(path) ?? throw ApiErrors.NotFoundPath();
        await resources.HandleAsync(context, info);
    }

    private static async Task DiscoveryAsync(HttpContext context, byte[] aggregated, string path)
    {
        var negotiated = Negotiation.Parse(context.Request.Headers.Accept);
        if (negotiated.Shape == ResponseShape.AggregatedDiscovery)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = $"application/json;g=apidiscovery.k8s.io;v={negotiated.DiscoveryVersion};as=APIGroupDiscoveryList";
            context.Response.ContentLength = aggregated.Length;
            await context.Response.Body.WriteAsync(aggregated, context.RequestAborted);
            return;
        }
        throw ApiErrors.NotFoundPath();
    }

    private static Task WriteTextAsync(HttpContext context, int code, string text)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "unexpected failure serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, string method, string? path, Exception e);
}
