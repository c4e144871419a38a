using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.ApiServer.Http;

/// <summary>Writes answers: objects as JSON or YAML, Status errors, raw JSON bytes.</summary>
internal static class Responses
{
    public const string JsonContentType = "application/json";

    public static Task WriteJsonBytesAsync(HttpContext context, int statusCode, byte[] json, ResponseFormat format = ResponseFormat.Json)
    {
        context.Response.StatusCode = statusCode;
        if (format == ResponseFormat.Yaml)
        {
            context.Response.ContentType = "application/yaml";
            var yaml = JsonToYaml.Convert(JsonNode.Parse(json));
            return context.Response.WriteAsync(yaml, context.RequestAborted);
        }
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    public static Task WriteAsync<T>(HttpContext context, int statusCode, T value, ResponseFormat format = ResponseFormat.Json) =>
        WriteJsonBytesAsync(context, statusCode, ApiJson.Serialize(value), format);

    public static Task WriteNodeAsync(HttpContext context, int statusCode, JsonNode node, string contentType = JsonContentType)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(node, ApiJson.Info<JsonNode>());
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static Task WriteStatusAsync(HttpContext context, Status status)
    {
        status.Outcome ??= "Failure";
        return WriteAsync(context, status.Code ?? 500, status);
    }
}
