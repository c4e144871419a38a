using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orca.ApiServer.Http;

/// <summary>Reads request bodies: a size limit (413), JSON or YAML (400 when malformed).</summary>
internal static class RequestBody
{
    /// <summary>Kubernetes' limit on request bodies: 3 MiB.</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The whole body. With a Content-Length the bytes are read straight into an array of that size (one
    /// allocation per request); a chunked body grows a pooled buffer and is copied out once.
    /// </summary>
    public static async Task<byte[]> ReadBytesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var length = context.Request.ContentLength;
        if (length is > MaxBytes) throw ApiErrors.TooLarge(MaxBytes);
        if (length is { } known)
        {
            var body = new byte[known];
            var read = await ReadIntoAsync(context, body, cancellationToken);
            // A body longer than its Content-Length is cut by the server; a shorter one is a client error.
            if (read < body.Length) throw ApiErrors.BadRequest("the request body is shorter than its Content-Length");
            return body;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count >= MaxBytes) throw ApiErrors.TooLarge(MaxBytes);
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var n = await ReadChunkAsync(context, buffer.AsMemory(count), cancellationToken);
                if (n == 0) break;
                count += n;
                if (count > MaxBytes) throw ApiErrors.TooLarge(MaxBytes);
            }
            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<int> ReadIntoAsync(HttpContext context, byte[] body, CancellationToken cancellationToken)
    {
        var count = 0;
        while (count < body.Length)
        {
            var n = await ReadChunkAsync(context, body.AsMemory(count), cancellationToken);
            if (n == 0) break;
            count += n;
        }
        return count;
    }

    private static async ValueTask<int> ReadChunkAsync(HttpContext context, Memory<byte> into, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Request.Body.ReadAsync(into, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw ApiErrors.TooLarge(MaxBytes);
        }
    }

    /// <summary>The media type of the body without parameters, lower case ("" when absent).</summary>
    public static string MediaType(HttpContext context)
    {
        var ct = context.Request.ContentType ?? "";
        var semi = ct.IndexOf(';');
        return (semi >= 0 ? ct[..semi] : ct).Trim().ToLowerInvariant();
    }

    /// <summary>Parses a JSON or YAML document into a JSON tree.</summary>
    public static JsonNode ParseDocument(byte[] body, string mediaType) => ParseDocument(body, mediaType, out _);

    /// <summary>
    /// Parses a JSON or YAML document into a JSON tree; <paramref name="isJson"/> tells whether the tree was
    /// parsed from <paramref name="body"/> as JSON (so the bytes themselves can be deserialized instead of the tree).
    /// </summary>
    public static JsonNode ParseDocument(byte[] body, string mediaType, out bool isJson)
    {
        isJson = false;
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
            var node = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })
                ?? throw ApiErrors.BadRequest("the request body is null");
            isJson = true;
            return node;
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
