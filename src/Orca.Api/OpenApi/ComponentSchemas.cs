using System.Text.Json.Nodes;
using Orca.Api.Schema;

namespace Orca.Api.OpenApi;

/// <summary>
/// Collects the components.schemas of one document: every object type reachable from the
/// types added, plus the named scalars (Quantity, IntOrString, Time, MicroTime). Not
/// thread-safe; one instance per document being built.
/// </summary>
internal sealed class ComponentSchemas(OpenApiSchemaNames names)
{
    internal const string RefPrefix = "#/components/schemas/";

    /// <summary>Descriptions of the conventional fields when a type declares none (Orca's words).</summary>
    private static readonly Dictionary<string, string> CommonFieldDocs = new(StringComparer.Ordinal)
    {
        ["apiVersion"] = "The schema version of this representation, e.g. \"v1\" or \"apps/v1\".",
        ["kind"] = "The type of this object, in CamelCase, e.g. \"Pod\".",
        ["metadata"] = "Standard object metadata: name, namespace, labels, annotations and more.",
    };

    private readonly Dictionary<string, JsonObject> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OpenApiGroupVersionKind>> _kinds = new(StringComparer.Ordinal);

    /// <summary>Adds an object type (and all it reaches) and returns its component name.</summary>
    public string Add(Type type) => AddObject(SchemaRegistry.For(type));

    /// <summary>A `{"$ref": …}` node pointing at the component of <paramref name="type"/>.</summary>
    public JsonObject RefTo(Type type) => Ref(Add(type));

    /// <summary>Tags the component of <paramref name="type"/> with a group/version/kind.</summary>
    public void Tag(Type type, OpenApiGroupVersionKind gvk)
    {
        var name = Add(type);
        if (!_kinds.TryGetValue(name, out var list))
            _kinds[name] = list = [];
        if (!list.Contains(gvk))
            list.Add(gvk);
    }

    /// <summary>Adds the opaque patch body schema every PATCH operation refers to.</summary>
    public JsonObject PatchRef()
    {
        Put(OpenApiSchemaNames.PatchName, typeof(JsonObject), () => new JsonObject
        {
            ["description"] = "A patch document; its format is given by the request Content-Type.",
            ["type"] = "object",
        });
        return Ref(OpenApiSchemaNames.PatchName);
    }

    /// <summary>All schemas in ordinal order of their names, with their kind tags.</summary>
    public JsonObject ToJson()
    {
        var result = new JsonObject();
        foreach (var name in _schemas.Keys.Order(StringComparer.Ordinal))
        {
            var schema = (JsonObject)_schemas[name].DeepClone();
            if (_kinds.TryGetValue(name, out var kinds))
                schema["x-kubernetes-group-version-kind"] = new JsonArray([.. kinds.Select(KindTag)]);
            result[name] = schema;
        }
        return result;
    }

    internal static JsonObject Ref(string name) => new() { ["$ref"] = RefPrefix + name };

    private static JsonNode KindTag(OpenApiGroupVersionKind gvk) =>
        new JsonObject { ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version };

    private string AddObject(TypeSchema schema)
    {
        if (schema.Kind != SchemaKind.Object)
            throw new ArgumentException($"{schema.ClrType} is not an object type ({schema.Kind}).");
        var name = names.NameOf(schema.ClrType);
        if (Put(name, schema.ClrType, () => new JsonObject()))
            Fill(_schemas[name], schema);
        return name;
    }

    /// <summary>Registers a component; true when it is new. The body is filled after
    /// registration so recursive types find themselves already present.</summary>
    private bool Put(string name, Type owner, Func<JsonObject> create)
    {
        if (_owners.TryGetValue(name, out var existing))
        {
            if (existing != owner)
                throw new InvalidOperationException($"OpenAPI schema name {name} is claimed by both {existing} and {owner}.");
            return false;
        }
        _owners[name] = owner;
        _schemas[name] = create();
        return true;
    }

    private void Fill(JsonObject target, TypeSchema schema)
    {
        if (!string.IsNullOrEmpty(schema.Description))
            target["description"] = schema.Description;
        target["type"] = "object";
        if (schema.Properties.Count > 0)
        {
            var properties = new JsonObject();
            foreach (var (jsonName, field) in schema.Properties)
                properties[jsonName] = Property(field);
            target["properties"] = properties;
        }
        if (schema.Required.Count > 0)
            target["required"] = new JsonArray([.. schema.Required.Select(r => (JsonNode)r)]);
    }

    private JsonObject Property(FieldSchema field)
    {
        var node = Inline(field.Schema, field.IsMicroTime);
        var extras = new List<KeyValuePair<string, JsonNode>>();
        var description = field.Description ?? CommonFieldDocs.GetValueOrDefault(field.JsonName);
        if (!string.IsNullOrEmpty(description))
            extras.Add(new("description", description));
        if (field.PatchStrategy is { } strategy)
            extras.Add(new("x-kubernetes-patch-strategy", strategy));
        if (field.PatchMergeKey is { } key)
            extras.Add(new("x-kubernetes-patch-merge-key", key));
        if (field.ListType is { } listType)
            extras.Add(new("x-kubernetes-list-type", listType));
        if (field.ListMapKeys.Count > 0)
            extras.Add(new("x-kubernetes-list-map-keys", new JsonArray([.. field.ListMapKeys.Select(k => (JsonNode)k)])));
        // Like Kubernetes: a reference with siblings is wrapped in a one-element allOf, since
        // siblings of a $ref are ignored by OpenAPI 3.0 readers.
        if (extras.Count > 0 && node.ContainsKey("$ref"))
            node = new JsonObject { ["allOf"] = new JsonArray(node) };
        foreach (var (k, v) in extras)
            node[k] = v;
        return node;
    }

    private JsonObject Inline(TypeSchema schema, bool microTime)
    {
        if (OpenApiSchemaNames.ScalarComponentName(schema, microTime) is { } scalarName)
        {
            Put(scalarName, typeof(TypeSchema), () => NamedScalar(schema.Kind));
            return Ref(scalarName);
        }
        return schema.Kind switch
        {
            SchemaKind.Object => Ref(AddObject(schema)),
            SchemaKind.Array => new JsonObject { ["type"] = "array", ["items"] = Inline(schema.Items!, microTime) },
            SchemaKind.Map => new JsonObject { ["type"] = "object", ["additionalProperties"] = Inline(schema.Values!, microTime) },
            SchemaKind.String when schema.EnumValues.Count > 0 => new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. schema.EnumValues.Select(v => (JsonNode)v)]),
            },
            SchemaKind.String => new JsonObject { ["type"] = "string" },
            SchemaKind.Integer => Typed("integer", schema.Format),
            SchemaKind.Number => Typed("number", schema.Format ?? "double"),
            SchemaKind.Boolean => new JsonObject { ["type"] = "boolean" },
            SchemaKind.Bytes => Typed("string", "byte"),
            SchemaKind.Any => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            _ => throw new ArgumentOutOfRangeException(nameof(schema), schema.Kind, "unhandled schema kind"),
        };
    }

    private static JsonObject Typed(string type, string? format)
    {
        var node = new JsonObject { ["type"] = type };
        if (format is not null)
            node["format"] = format;
        return node;
    }

    private static JsonObject NamedScalar(SchemaKind kind) => kind switch
    {
        SchemaKind.Quantity => new JsonObject
        {
            ["description"] = "A fixed-point amount with an optional unit suffix, e.g. \"500m\", \"2Gi\" or \"1e3\".",
            ["type"] = "string",
        },
        SchemaKind.IntOrString => new JsonObject
        {
            ["description"] = "Either a whole number or a string, e.g. 8080 or \"http\".",
            ["format"] = "int-or-string",
            ["type"] = "string",
            ["x-kubernetes-int-or-string"] = true,
        },
        _ => new JsonObject
        {
            ["description"] = "A timestamp in RFC 3339 form.",
            ["format"] = "date-time",
            ["type"] = "string",
        },
    };
}
