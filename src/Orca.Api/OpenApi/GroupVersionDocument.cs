using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.Meta;

namespace Orca.Api.OpenApi;

/// <summary>Writes the OpenAPI v3 document of one group-version as UTF-8 JSON.</summary>
internal static class GroupVersionDocument
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // '+' in content types and '<' in descriptions stay readable; the body is served as JSON only.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document of <paramref name="resources"/>, which all share one group-version.</summary>
    public static byte[] Build(IReadOnlyList<OpenApiResource> resources, OpenApiSchemaNames names)
    {
        var schemas = new ComponentSchemas(names);
        var paths = new ResourcePaths(schemas, names);
        foreach (var resource in resources)
            paths.Add(resource);
        schemas.Tag(typeof(Status), new OpenApiGroupVersionKind("", "v1", "Status"));
        schemas.Tag(typeof(DeleteOptions), new OpenApiGroupVersionKind(resources[0].Group, resources[0].Version, "DeleteOptions"));

        var document = new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = OpenApiDocuments.Title, ["version"] = OpenApiDocuments.KubernetesVersion },
            ["paths"] = paths.ToJson(),
            ["components"] = new JsonObject { ["schemas"] = schemas.ToJson() },
        };
        return Serialize(document);
    }

    public static byte[] Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            node.WriteTo(writer);
        return buffer.ToArray();
    }
}
