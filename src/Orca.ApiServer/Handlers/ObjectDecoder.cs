using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orca.Api;
using Orca.Api.Json;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

/// <summary>Finds the fields of a request body that the target type does not have.</summary>
internal interface IUnknownFieldFinder
{
    /// <summary>Paths of unknown fields as Kubernetes names them (`spec.containers[0].foo`); removes them from <paramref name="node"/>.</summary>
    IReadOnlyList<string> FindAndPrune(Type type, JsonNode node);
}

/// <summary>
/// Turns a request body (already parsed to a JSON tree) into a typed object, applying the
/// request's fieldValidation directive (Strict: 400 on unknown fields; Warn, the default:
/// a `Warning` header per field; Ignore) and checking apiVersion/kind.
/// </summary>
internal sealed class ObjectDecoder(IUnknownFieldFinder unknownFields)
{
    /// <param name="json">The JSON bytes <paramref name="node"/> was parsed from, if it was: when no unknown field had
    /// to be removed they are deserialized directly, which gives the same object without writing the tree out again.</param>
    public IKubeObject Decode(HttpContext context, JsonNode node, ResourceDefinition def, byte[]? json = null)
    {
        if (node is not JsonObject obj) throw ApiErrors.BadRequest($"{def.Kind} in version \"{def.Version}\" cannot be handled as a {def.Kind}: the body must be a JSON object");
        CheckType(obj, def);
        var directive = FieldValidation(context);
        var pruned = false;
        if (directive != "Ignore")
        {
            var unknown = unknownFields.FindAndPrune(def.ObjectType, obj);
            if (unknown.Count > 0)
            {
                if (directive == "Strict")
                    throw ApiErrors.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
                foreach (var u in unknown) Warn(context, $"unknown field \"{u}\"");
                pruned = true;
            }
        }
        return json is not null && !pruned ? DecodeTyped(json, def) : DecodeTyped(obj, def);
    }

    public static IKubeObject DecodeTyped(JsonNode node, ResourceDefinition def) =>
        DecodeTyped(def, info => node.Deserialize(info));

    /// <summary>The typed object of JSON bytes, with the same errors as <see cref="DecodeTyped(JsonNode, ResourceDefinition)"/>.</summary>
    public static IKubeObject DecodeTyped(byte[] json, ResourceDefinition def) =>
        DecodeTyped(def, info => JsonSerializer.Deserialize(json, info));

    private static IKubeObject DecodeTyped(ResourceDefinition def, Func<System.Text.Json.Serialization.Metadata.JsonTypeInfo, object?> deserialize)
    {
        try
        {
            var result = (IKubeObject?)deserialize(ApiJson.Info(def.ObjectType))
                ?? throw ApiErrors.BadRequest($"{def.Kind} in version \"{def.Version}\" cannot be handled as a {def.Kind}: null object");
            result.Metadata ??= new Orca.Api.Meta.ObjectMeta();
            return result;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            var detail = e is JsonException je ? RequestBody.Describe(je) : e.Message;
            if (e is JsonException { Path: { } path } && path.Length > 2) detail = $"{detail} (at {path.TrimStart('$', '.')})";
            throw ApiErrors.BadRequest($"{def.Kind} in version \"{def.Version}\" cannot be handled as a {def.Kind}: {detail}");
        }
    }

    private static void CheckType(JsonObject obj, ResourceDefinition def)
    {
        var apiVersion = obj["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : null;
        var kind = obj["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : null;
        if (kind is not null && kind.Length > 0 && kind != def.Kind)
            throw ApiErrors.BadRequest($"{kind} in version \"{apiVersion ?? def.Version}\" cannot be handled as a {def.Kind}: the kind in the body does not match the resource");
        if (apiVersion is not null && apiVersion.Length > 0 && apiVersion != def.ApiVersion)
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({def.ApiVersion})");
    }

    public static string FieldValidation(HttpContext context)
    {
        var value = context.Request.Query["fieldValidation"].FirstOrDefault();
        return value switch
        {
            null or "" or "Warn" => "Warn",
            "Strict" or "Ignore" => value,
            _ => throw ApiErrors.BadRequest($"fieldValidation parameter unsupported: {value}"),
        };
    }

    /// <summary>An RFC 7234 warning as Kubernetes sends it: `299 - "text"` with `\` and `"` escaped.</summary>
    public static void Warn(HttpContext context, string message)
    {
        var escaped = message.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        context.Response.Headers.Append("Warning", $"299 - \"{escaped}\"");
    }
}
