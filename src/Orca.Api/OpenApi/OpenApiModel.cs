using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.Meta;

namespace Orca.Api.OpenApi;

/// <summary>
/// The version-neutral part of the documents: the path table and the schemas of a set of
/// resources, as OpenAPI v3 node trees (refs point at "#/components/schemas/"). The v3 documents
/// wrap them as they are; the Swagger 2.0 document rewrites them (<see cref="SwaggerV2Rewrite"/>).
/// </summary>
internal static class OpenApiModel
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // '+' in content types and '<' in descriptions stay readable; the body is served as JSON only.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Paths and schemas of <paramref name="resources"/> (any number of group-versions, processed
    /// in the given order). Status is tagged as core/v1 Status and DeleteOptions with every
    /// group-version present, in order of first appearance.
    /// </summary>
    public static (JsonObject Paths, JsonObject Schemas) Build(IReadOnlyList<OpenApiResource> resources, OpenApiSchemaNames names)
    {
        var schemas = new ComponentSchemas(names);
        var paths = new ResourcePaths(schemas, names);
        foreach (var resource in resources)
            paths.Add(resource);
        schemas.Tag(typeof(Status), new OpenApiGroupVersionKind("", "v1", "Status"));
        foreach (var (group, version) in resources.Select(r => (r.Group, r.Version)).Distinct())
            schemas.Tag(typeof(DeleteOptions), new OpenApiGroupVersionKind(group, version, "DeleteOptions"));
        return (paths.ToJson(), schemas.ToJson());
    }

    /// <summary>The `info` object every document carries.</summary>
    public static JsonObject Info() =>
        new() { ["title"] = OpenApiDocuments.Title, ["version"] = OpenApiDocuments.KubernetesVersion };

    /// <summary>Compact UTF-8 JSON of <paramref name="node"/>, keys in node order.</summary>
    public static byte[] Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            node.WriteTo(writer);
        return buffer.ToArray();
    }
}
