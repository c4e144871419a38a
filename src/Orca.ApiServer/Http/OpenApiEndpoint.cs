using Microsoft.AspNetCore.Http;

namespace Orca.ApiServer.Http;

/// <summary>The OpenAPI documents the server publishes (built once at start-up).</summary>
internal interface IOpenApiSource
{
    byte[] Index { get; }
    bool TryGet(string groupVersionPath, out byte[] json, out string hash);
}

/// <summary>
/// /openapi/v3 (index) and /openapi/v3/{api/v1 | apis/g/v}?hash=H (immutable, cacheable forever:
/// the hash changes whenever the document does). /openapi/v2 answers 404: kubectl then uses v3.
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
}
