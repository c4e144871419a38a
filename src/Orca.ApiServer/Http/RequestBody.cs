using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orca.ApiServer.Http;

/// <summary>Reads request bodies: a size limit (413), JSON or YAML (400 when malformed).</summary>
internal static class RequestBody
{
    /// <summary>Kubernetes' limit on request bodies: 3 MiB.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    public static async Task<byte[]> ReadBytesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength is > MaxBytes) throw ApiErrors.TooLarge(MaxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            int n;
            try
            {
                n = await context.Request.Body.ReadAsync(chunk, cancellationToken);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw ApiErrors.TooLarge(MaxBytes);
            }
            if (n == 0) break;
            if (buffer.Length + n > MaxBytes) throw ApiErrors.TooLarge(MaxBytes);
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>The media type of the body without parameters, lower case ("" when absent).</summary>
    public static string MediaType(HttpContext context)
    {
        var ct = context.Request.ContentType ?? "";
        var semi = ct.IndexOf(';');
        return (semi >= 0 ? ct[..semi] : ct).Trim().ToLowerInvariant();
    }

    /// <summary>Parses a JSON or YAML document into a JSON tree.</summary>
    public static JsonNode ParseDocument(byte[] body, string mediaType)
    {
        if (body.Length == 0) throw ApiErrors.BadRequest("the request body is empty");
        if (mediaType == Orca.Api.Protobuf.KubeProtobuf.ContentType)
        {
            // kubectl's typed clients (create namespace/configmap/secret…) send Kubernetes protobuf.
            return Orca.Api.Protobuf.KubeProtobuf.TryDecode(body, out var decoded, out var error)
                ? decoded!
                : throw ApiErrors.BadRequest($"error decoding protobuf request body: {error}");
        }
        if (mediaType is "application/yaml" or "application/apply-patch+yaml" or "text/yaml" or "application/x-yaml" && !LooksLikeJson(body))
            return YamlToJson.Convert(body);
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })
                ?? throw ApiErrors.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            if (mediaType is "application/yaml" or "application/apply-patch+yaml") return YamlToJson.Convert(body);
            throw ApiErrors.BadRequest($"error decoding request body: {Describe(e)}");
        }
    }

    private static bool LooksLikeJson(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b is (byte)'{' or (byte)'[';
        }
        return false;
    }

    public static string Describe(JsonException e)
    {
        var msg = e.Message;
        var cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? msg[..cut] : msg;
    }
}
