using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orca.Runtime;
using Orca.Runtime.Logs;

namespace Orca.Agent.Streaming;

/// <summary>Routes kubelet-style streaming paths: /containerLogs, /exec, /attach, /portForward.</summary>
internal sealed partial class StreamingHandlers(ContainerLocator locator, IRuntimeService runtime, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var parts = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        try
        {
            switch (parts)
            {
                case ["containerLogs", var ns, var pod, var container]:
                    await LogsAsync(context, ns, pod, container);
                    break;
                case ["exec", var ns, var pod, var container]:
                    await ExecAsync(context, ns, pod, container, attach: false);
                    break;
                case ["attach", var ns, var pod, var container]:
                    await ExecAsync(context, ns, pod, container, attach: true);
                    break;
                case ["portForward", var ns, var pod]:
                    await new PortForwardHandler(runtime, logger).HandleAsync(context, ns, pod);
                    break;
                default:
                    await StatusAsync(context, 404, "NotFound", "the server could not find the requested resource");
                    break;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFailed(logger, context.Request.Path, e);
            if (!context.Response.HasStarted) await StatusAsync(context, 500, "InternalError", e.Message);
        }
    }

    private async Task LogsAsync(HttpContext context, string ns, string pod, string container)
    {
        var q = context.Request.Query;
        var previous = q["previous"].FirstOrDefault() == "true";
        var status = await locator.FindAsync(ns, pod, container, previous, context.RequestAborted);
        if (status is null)
        {
            var message = previous
                ? $"previous terminated container \"{container}\" in pod \"{pod}\" not found"
                : $"container \"{container}\" in pod \"{pod}\" is waiting to start: ContainerCreating";
            await StatusAsync(context, 400, "BadRequest", message);
            return;
        }
        var options = new LogOptions
        {
            Follow = q["follow"].FirstOrDefault() == "true",
            Timestamps = q["timestamps"].FirstOrDefault() == "true",
            TailLines = long.TryParse(q["tailLines"].FirstOrDefault(), CultureInfo.InvariantCulture, out var tail) ? tail : null,
            LimitBytes = long.TryParse(q["limitBytes"].FirstOrDefault(), CultureInfo.InvariantCulture, out var limit) ? limit : null,
            Since = long.TryParse(q["sinceSeconds"].FirstOrDefault(), CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.UtcNow.AddSeconds(-seconds)
                : DateTimeOffset.TryParse(q["sinceTime"].FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) ? since : null,
        };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        if (!File.Exists(status.LogPath)) return;
        var id = status.Id;
        var running = status.State == ContainerState.Running;
        await CriLogReader.CopyAsync(status.LogPath, options, context.Response.Body,
            async ct => running && (await runtime.ContainerStatusAsync(id, ct))?.State == ContainerState.Running,
            context.RequestAborted);
    }

    private async Task ExecAsync(HttpContext context, string ns, string pod, string container, bool attach)
    {
        var status = await locator.FindAsync(ns, pod, container, previous: false, context.RequestAborted);
        if (status is null || status.State != ContainerState.Running)
        {
            await StatusAsync(context, 400, "BadRequest", $"container {container} is not running in pod {pod}");
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await StatusAsync(context, 400, "BadRequest", "exec and attach need a WebSocket upgrade (protocol v5.channel.k8s.io)");
            return;
        }
        var q = context.Request.Query;
        var tty = q["tty"].FirstOrDefault() == "true";
        var request = new ExecRequest(q["command"].Where(c => c is not null).Select(c => c!).ToList(),
            Stdin: q["stdin"].FirstOrDefault() == "true", Stdout: q["stdout"].FirstOrDefault() != "false",
            Stderr: !tty && q["stderr"].FirstOrDefault() == "true", Tty: tty);
        if (!attach && request.Command.Count == 0)
        {
            await StatusAsync(context, 400, "BadRequest", "you must specify at least 1 command");
            return;
        }
        var protocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => p is "v5.channel.k8s.io" or "v4.channel.k8s.io");
        if (protocol is null)
        {
            await StatusAsync(context, 400, "BadRequest", "unsupported streaming protocol: the agent speaks v5.channel.k8s.io and v4.channel.k8s.io");
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        await using var session = attach
            ? await runtime.AttachAsync(status.Id, request.Stdin, tty, context.RequestAborted)
            : await runtime.ExecAsync(status.Id, request, context.RequestAborted);
        await new ChannelStreams(socket, session).RunAsync(context.RequestAborted);
    }

    internal static Task StatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        var json = $"{{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{{}},\"status\":\"Failure\",\"message\":\"{System.Text.Json.JsonEncodedText.Encode(message)}\",\"reason\":\"{reason}\",\"code\":{code}}}";
        return context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted);
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "streaming request {Path} failed")]
    private static partial void LogFailed(ILogger logger, string? path, Exception e);
}
