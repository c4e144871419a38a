using System.Text.Json.Nodes;

namespace Orca.Api.OpenApi;

/// <summary>Writes the OpenAPI v3 document of one group-version as UTF-8 JSON.</summary>
internal static class GroupVersionDocument
{
    /// <summary>The document of <paramref name="resources"/>, which all share one group-version.</summary>
    public static byte[] Build(IReadOnlyList<OpenApiResource> resources, OpenApiSchemaNames names)
    {
        var (paths, schemas) = OpenApiModel.Build(resources, names);
        var document = new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = OpenApiModel.Info(),
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
        return OpenApiModel.Serialize(document);
    }
}
