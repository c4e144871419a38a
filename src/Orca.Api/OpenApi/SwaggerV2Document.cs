using System.Text.Json.Nodes;

namespace Orca.Api.OpenApi;

/// <summary>
/// Writes the one Swagger 2.0 document of all group-versions (`GET /openapi/v2`) by rewriting the
/// v3 node trees of <see cref="OpenApiModel"/>: request bodies become `in: body` parameters,
/// response contents become `schema`, parameter schemas are flattened into `type`, media types
/// move to `consumes`/`produces`, refs point at "#/definitions/" and the allOf wrappers v3 puts
/// around a `$ref` with siblings are dropped (Swagger 2.0 readers take the siblings beside the
/// `$ref`). Object keys are written in ordinal order, as Kubernetes writes its document.
/// </summary>
internal static class SwaggerV2Document
{
    private const string DefinitionsPrefix = "#/definitions/";

    /// <summary>What every operation other than PATCH accepts and every operation answers in.</summary>
    private static readonly string[] DocumentTypes = ["application/json", "application/yaml"];

    /// <summary>
    /// The document of <paramref name="resources"/>; group-versions are taken in ordinal order of
    /// their paths and resources of one group-version in the given order, so equal input gives
    /// equal bytes.
    /// </summary>
    public static byte[] Build(IEnumerable<OpenApiResource> resources, OpenApiSchemaNames names)
    {
        var ordered = resources.OrderBy(r => r.GroupVersionPath, StringComparer.Ordinal).ToList();
        var (paths, schemas) = OpenApiModel.Build(ordered, names);
        var swaggerPaths = new JsonObject();
        foreach (var (path, item) in paths)
            swaggerPaths[path] = PathItem(item!.AsObject());
        var document = new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = OpenApiModel.Info(),
            ["paths"] = Canonical(swaggerPaths),
            ["definitions"] = Canonical(schemas),
        };
        return OpenApiModel.Serialize(document);
    }

    private static JsonObject PathItem(JsonObject item)
    {
        var result = new JsonObject();
        foreach (var (key, value) in item)
            result[key] = key == "parameters" ? Parameters(value!.AsArray(), null) : Operation(value!.AsObject());
        return result;
    }

    private static JsonObject Operation(JsonObject op)
    {
        var body = op["requestBody"]?["content"]?.AsObject();
        var responses = op["responses"]!.AsObject();
        var result = new JsonObject
        {
            ["consumes"] = Strings((string?)op["x-kubernetes-action"] == "patch" && body is not null ? body.Select(c => c.Key) : DocumentTypes),
            ["produces"] = Strings(DocumentTypes.Concat(responses.SelectMany(r => r.Value!["content"]!.AsObject().Select(c => c.Key))).Distinct()),
            ["responses"] = Responses(responses),
        };
        var parameters = Parameters(op["parameters"]?.AsArray() ?? [], body);
        if (parameters.Count > 0)
            result["parameters"] = parameters;
        foreach (var (key, value) in op)
        {
            if (key is not ("parameters" or "requestBody" or "responses"))
                result[key] = value?.DeepClone();
        }
        return result;
    }

    /// <summary>The body parameter (first, as Kubernetes lists it) and the others with their schema flattened.</summary>
    private static JsonArray Parameters(JsonArray parameters, JsonObject? bodyContent)
    {
        var result = new JsonArray();
        if (bodyContent is not null)
        {
            result.Add(new JsonObject
            {
                ["in"] = "body",
                ["name"] = "body",
                ["required"] = true,
                ["schema"] = FirstSchema(bodyContent),
            });
        }
        foreach (var parameter in parameters)
        {
            var flat = new JsonObject();
            foreach (var (key, value) in parameter!.AsObject())
            {
                if (key != "schema")
                    flat[key] = value?.DeepClone();
                else
                    foreach (var (schemaKey, schemaValue) in value!.AsObject())
                        flat[schemaKey] = schemaValue?.DeepClone();
            }
            result.Add(flat);
        }
        return result;
    }

    private static JsonObject Responses(JsonObject responses)
    {
        var result = new JsonObject();
        foreach (var (code, response) in responses)
        {
            result[code] = new JsonObject
            {
                ["description"] = response!["description"]?.DeepClone(),
                ["schema"] = FirstSchema(response["content"]!.AsObject()),
            };
        }
        return result;
    }

    /// <summary>The schema of the first media type; all media types of one body share it.</summary>
    private static JsonNode? FirstSchema(JsonObject content) => content.First().Value!["schema"]?.DeepClone();

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => CanonicalObject(o),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        _ => node?.DeepClone(),
    };

    private static JsonObject CanonicalObject(JsonObject o)
    {
        var pairs = o.ToList();
        if (o["allOf"] is JsonArray { Count: 1 } allOf && allOf[0] is JsonObject { Count: 1 } only && only["$ref"] is { } target)
            pairs = [.. pairs.Where(p => p.Key != "allOf"), new("$ref", target)];
        var result = new JsonObject();
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
            result[key] = key == "$ref" ? Definition((string)value!) : Canonical(value);
        return result;
    }

    private static string Definition(string reference) =>
        reference.StartsWith(ComponentSchemas.RefPrefix, StringComparison.Ordinal)
            ? DefinitionsPrefix + reference[ComponentSchemas.RefPrefix.Length..]
            : reference;
}
