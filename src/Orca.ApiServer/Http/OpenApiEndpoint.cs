using Microsoft.AspNetCore.Http;

namespace Orca.ApiServer.Http;

/// <summary>The OpenAPI documents the server publishes (built once at start-up).</summary>
internal interface IOpenApiSource
{
    byte[] Index { get; }
    byte[] V2 { get; }
    string V2Hash { get; }
    bool TryGet(string groupVersionPath, out byte[] json, out string hash);
}

/// <summary>
/// /openapi/v3 (index) and /openapi/v3/{api/v1 | apis/g/v}?hash=H (immutable, cacheable forever:
/// the hash changes whenever the document does). /openapi/v2 serves Swagger 2.0 JSON to JSON
/// clients; kubectl asks for it only as protobuf, which Orca does not produce, so that Accept gets
/// 404 and kubectl uses v3.
/// </summary>
internal sealed class OpenApiEndpoint(IOpenApiSource documents)
{
    public async Task HandleAsync(HttpContext context, string path)
    {
        if (path is "/openapi/v3" or "/openapi/v3/")
        {
            context.Response.Headers.CacheControl = "no-cache, private";
            await Responses.WriteJsonBytesAsync(context, 200, documents.Index);
            return;
        }
        if (path is "/openapi/v2" or "/openapi/v2/" or "/swagger.json")
        {
            if (!AcceptsJson(context.Request.Headers.Accept)) throw ApiErrors.NotFoundPath();
            context.Response.Headers.CacheControl = "no-cache, private";
            context.Response.Headers.ETag = $"\"{documents.V2Hash}\"";
            if (context.Request.Headers.IfNoneMatch == $"\"{documents.V2Hash}\"")
            {
                context.Response.StatusCode = 304;
                return;
            }
            await Responses.WriteJsonBytesAsync(context, 200, documents.V2);
            return;
        }
        const string prefix = "/openapi/v3/";
        if (path.StartsWith(prefix, StringComparison.Ordinal) && documents.TryGet(path[prefix.Length..].TrimEnd('/'), out var json, out var hash))
        {
            var requested = context.Request.Query["hash"].FirstOrDefault();
            if (requested == hash)
            {
                context.Response.Headers.CacheControl = "public, immutable";
                context.Response.Headers.Expires = DateTimeOffset.UtcNow.AddYears(1).ToString("R");
            }
            else
            {
                context.Response.Headers.CacheControl = "no-cache, private";
            }
            context.Response.Headers.ETag = $"\"{hash}\"";
            if (context.Request.Headers.IfNoneMatch == $"\"{hash}\"")
            {
                context.Response.StatusCode = 304;
                return;
            }
            await Responses.WriteJsonBytesAsync(context, 200, json);
            return;
        }
        throw ApiErrors.NotFoundPath();
    }

    private static bool AcceptsJson(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return true;
        foreach (var part in accept.Split(','))
        {
            var type = part.Split(';')[0].Trim().ToLowerInvariant();
            if (type is "application/json" or "*/*" or "application/*") return true;
        }
        return false;
    }
}
