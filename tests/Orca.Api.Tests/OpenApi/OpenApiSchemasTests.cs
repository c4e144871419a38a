using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.OpenApi;
using static Orca.Api.Tests.OpenApi.OpenApiFixtures;

namespace Orca.Api.Tests.OpenApi;

public sealed class OpenApiSchemasTests
{
    private const string Prefix = "#/components/schemas/";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonObject Core = Document(Build(), "api/v1");

    [Fact]
    public void Kinds_and_lists_are_tagged_with_their_group_version_kind()
    {
        Assert.Equal("""[{"group":"","kind":"Widget","version":"v1"}]""", SchemaOf(Core, "io.orca.test.v1.Widget")["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("""[{"group":"","kind":"WidgetList","version":"v1"}]""", SchemaOf(Core, "io.orca.test.v1.WidgetList")["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Null(SchemaOf(Core, "io.orca.test.v1.WidgetSpec")["x-kubernetes-group-version-kind"]);
        Assert.Equal("Status", (string?)SchemaOf(Core, "io.k8s.apimachinery.pkg.apis.meta.v1.Status")["x-kubernetes-group-version-kind"]![0]!["kind"]);
    }

    [Fact]
    public void Merged_list_carries_patch_and_list_extensions()
    {
        var parts = Property("io.orca.test.v1.WidgetSpec", "parts");
        Assert.Equal("array", (string?)parts["type"]);
        Assert.Equal("merge", (string?)parts["x-kubernetes-patch-strategy"]);
        Assert.Equal("name", (string?)parts["x-kubernetes-patch-merge-key"]);
        Assert.Equal("map", (string?)parts["x-kubernetes-list-type"]);
        Assert.Equal("""["name"]""", parts["x-kubernetes-list-map-keys"]!.ToJsonString());
        Assert.Equal("The parts of the widget.", (string?)parts["description"]);
        Assert.Equal(Prefix + "io.orca.test.v1.WidgetPart", (string?)parts["items"]!["$ref"]);
        Assert.Equal("""["parts"]""", SchemaOf(Core, "io.orca.test.v1.WidgetSpec")["required"]!.ToJsonString());
    }

    [Fact]
    public void Object_meta_keeps_its_patch_metadata()
    {
        var owners = Property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "ownerReferences");
        Assert.Equal("uid", (string?)owners["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)Property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers")["x-kubernetes-patch-strategy"]);
        Assert.Equal("string", (string?)Property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "labels")["additionalProperties"]!["type"]);
    }

    [Fact]
    public void Plain_fields_carry_no_patch_extensions()
    {
        var selector = Property("io.orca.test.v1.WidgetSpec", "selector");
        Assert.DoesNotContain(selector, p => p.Key.StartsWith("x-kubernetes-", StringComparison.Ordinal));
        Assert.Equal("set", (string?)Property("io.orca.test.v1.WidgetSpec", "tags")["x-kubernetes-list-type"]);
    }

    [Fact]
    public void Reference_with_siblings_is_wrapped_in_all_of()
    {
        var strategy = Property("io.orca.test.v1.WidgetSpec", "strategy");
        Assert.Null(strategy["$ref"]);
        Assert.Equal(Prefix + "io.orca.test.v1.WidgetStrategy", (string?)strategy["allOf"]![0]!["$ref"]);
        Assert.Equal("retainKeys", (string?)strategy["x-kubernetes-patch-strategy"]);

        var spec = Property("io.orca.test.v1.Widget", "spec");
        Assert.Equal(Prefix + "io.orca.test.v1.WidgetSpec", (string?)spec["allOf"]![0]!["$ref"]);
        Assert.Equal("What the widget should look like.", (string?)spec["description"]);

        var status = Property("io.orca.test.v1.Widget", "status");
        Assert.Equal("""{"$ref":"#/components/schemas/io.orca.test.v1.WidgetStatus"}""", status.ToJsonString());
    }

    [Theory]
    [InlineData("io.orca.test.v1.WidgetSpec", "port", Prefix + OpenApiSchemaNames.IntOrStringName)]
    [InlineData("io.orca.test.v1.WidgetStatus", "startTime", Prefix + OpenApiSchemaNames.TimeName)]
    [InlineData("io.orca.test.v1.WidgetStatus", "renewTime", Prefix + OpenApiSchemaNames.MicroTimeName)]
    public void Named_scalars_are_referenced(string schema, string field, string reference) =>
        Assert.Equal(reference, (string?)Property(schema, field)["$ref"]);

    [Theory]
    [InlineData(OpenApiSchemaNames.QuantityName, """{"description":"A fixed-point amount with an optional unit suffix, e.g. \"500m\", \"2Gi\" or \"1e3\".","type":"string"}""")]
    [InlineData(OpenApiSchemaNames.IntOrStringName, """{"description":"Either a whole number or a string, e.g. 8080 or \"http\".","format":"int-or-string","type":"string","x-kubernetes-int-or-string":true}""")]
    [InlineData(OpenApiSchemaNames.TimeName, """{"description":"A timestamp in RFC 3339 form.","format":"date-time","type":"string"}""")]
    [InlineData(OpenApiSchemaNames.PatchName, """{"description":"A patch document; its format is given by the request Content-Type.","type":"object"}""")]
    public void Named_scalar_components_have_kubernetes_shapes(string name, string json) =>
        Assert.Equal(json, SchemaOf(Core, name).ToJsonString(Relaxed));

    [Theory]
    [InlineData("io.orca.test.v1.WidgetPart", "size", """{"type":"integer","format":"int64"}""")]
    [InlineData("io.orca.test.v1.WidgetPart", "blob", """{"type":"string","format":"byte"}""")]
    [InlineData("io.orca.test.v1.WidgetPart", "extra", """{"type":"object","x-kubernetes-preserve-unknown-fields":true}""")]
    [InlineData("io.orca.test.v1.WidgetSpec", "limits", """{"type":"object","additionalProperties":{"$ref":"#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity"}}""")]
    public void Inline_fields_have_openapi_types(string schema, string field, string json) =>
        Assert.Equal(json, Property(schema, field).ToJsonString());

    [Fact]
    public void Explain_style_walk_reaches_nested_field_descriptions()
    {
        // kubectl explain widget.spec.parts.name: start at the schema tagged with the kind,
        // follow properties, allOf[0].$ref, items.$ref.
        var schemas = Core["components"]!["schemas"]!.AsObject();
        var root = schemas.Single(s => s.Value!["x-kubernetes-group-version-kind"]?[0]?["kind"]?.GetValue<string>() == "Widget").Value!;
        var node = root;
        foreach (var field in new[] { "spec", "parts", "name" })
            node = Resolve(schemas, node["properties"]![field]!);
        Assert.Equal("string", (string?)node["type"]);
        Assert.Equal("Unique name of the part.", (string?)node["description"]);
    }

    [Fact]
    public void Documents_hold_only_schemas_they_reach()
    {
        var things = Document(Build(), "apis/things.example.com/v1beta1");
        var names = things["components"]!["schemas"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("io.orca.test.v1.Gadget", names);
        Assert.DoesNotContain("io.orca.test.v1.Widget", names);
        Assert.Contains("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", names);
    }

    private static JsonNode Resolve(JsonObject schemas, JsonNode node)
    {
        while (true)
        {
            if (node["allOf"] is JsonArray { Count: 1 } allOf)
                node = allOf[0]!;
            else if (node["$ref"] is { } r)
                node = schemas[((string)r!)[Prefix.Length..]]!;
            else if ((string?)node["type"] == "array")
                node = node["items"]!;
            else
                return node;
        }
    }

    private static JsonObject Property(string schema, string field) =>
        SchemaOf(Core, schema)["properties"]![field]!.AsObject();
}
