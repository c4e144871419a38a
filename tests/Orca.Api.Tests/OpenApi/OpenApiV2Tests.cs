using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.OpenApi;
using static Orca.Api.Tests.OpenApi.OpenApiFixtures;

namespace Orca.Api.Tests.OpenApi;

public sealed class OpenApiV2Tests
{
    private const string WidgetItem = "/api/v1/namespaces/{namespace}/widgets/{name}";
    private const string GadgetItem = "/apis/things.example.com/v1beta1/gadgets/{name}";

    private static readonly string[] PatchTypes =
    [
        "application/apply-patch+yaml",
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
    ];

    private static JsonObject V2(OpenApiDocuments? docs = null) => JsonNode.Parse((docs ?? Build()).V2)!.AsObject();

    private static JsonObject Op(JsonObject doc, string path, string method) => doc["paths"]![path]![method]!.AsObject();

    private static JsonObject Definition(JsonObject doc, string name) => doc["definitions"]![name]!.AsObject();

    [Fact]
    public void Document_is_swagger_2_with_info_and_no_v3_sections()
    {
        var docs = Build();
        using var parsed = JsonDocument.Parse(docs.V2);
        var root = parsed.RootElement;
        Assert.Equal("2.0", root.GetProperty("swagger").GetString());
        Assert.Equal("Kubernetes (Orca)", root.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("v1.32.0", root.GetProperty("info").GetProperty("version").GetString());
        Assert.Equal(["swagger", "info", "paths", "definitions"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Convert.ToHexString(SHA512.HashData(docs.V2)), docs.V2Hash);
        var text = System.Text.Encoding.UTF8.GetString(docs.V2);
        Assert.DoesNotContain("requestBody", text);
        Assert.DoesNotContain("\"allOf\"", text);
        Assert.DoesNotContain("#/components/", text);
    }

    [Fact]
    public void One_document_holds_every_group_version()
    {
        var paths = V2()["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains(WidgetItem, paths);
        Assert.Contains(GadgetItem, paths);
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
    }

    [Fact]
    public void Every_ref_resolves_in_definitions()
    {
        var doc = V2();
        var definitions = doc["definitions"]!.AsObject();
        var refs = Refs(doc).ToList();
        Assert.Contains("#/definitions/io.orca.test.v1.Widget", refs);
        Assert.Contains("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", refs);
        foreach (var r in refs)
        {
            Assert.StartsWith("#/definitions/", r);
            Assert.True(definitions.ContainsKey(r["#/definitions/".Length..]), $"dangling {r}");
        }
    }

    [Fact]
    public void Definitions_are_the_v3_schemas()
    {
        var docs = Build();
        var v3 = Document(docs, "api/v1")["components"]!["schemas"]!.AsObject();
        var v2 = V2(docs)["definitions"]!.AsObject();
        Assert.Subset(v2.Select(d => d.Key).ToHashSet(), v3.Select(s => s.Key).ToHashSet());
        foreach (var (name, schema) in v3)
            Assert.Equal(schema!["properties"]?.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal),
                v2[name]!["properties"]?.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData(WidgetItem, "", "v1", "Widget")]
    [InlineData(WidgetItem + "/status", "", "v1", "Widget")]
    [InlineData(GadgetItem, "things.example.com", "v1beta1", "Gadget")]
    public void Patch_has_kind_body_parameter_field_validation_and_patch_types(string path, string group, string version, string kind)
    {
        var op = Op(V2(), path, "patch");

        var gvk = op["x-kubernetes-group-version-kind"]!;
        Assert.Equal(group, (string?)gvk["group"]);
        Assert.Equal(kind, (string?)gvk["kind"]);
        Assert.Equal(version, (string?)gvk["version"]);
        Assert.Equal("patch", (string?)op["x-kubernetes-action"]);
        var parameters = op["parameters"]!.AsArray().Select(p => p!.AsObject()).ToList();
        var body = Assert.Single(parameters, p => (string?)p["in"] == "body");
        Assert.Same(parameters[0], body);
        Assert.Equal("body", (string?)body["name"]);
        Assert.True((bool)body["required"]!);
        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", (string?)body["schema"]!["$ref"]);
        var fieldValidation = Assert.Single(parameters, p => (string?)p["name"] == "fieldValidation");
        Assert.Equal("query", (string?)fieldValidation["in"]);
        Assert.Equal("string", (string?)fieldValidation["type"]);
        Assert.Null(fieldValidation["schema"]);
        Assert.Equal(PatchTypes, op["consumes"]!.AsArray().Select(c => (string?)c));
        Assert.Null(op["requestBody"]);
    }

    [Theory]
    [InlineData(WidgetItem, "put", "#/definitions/io.orca.test.v1.Widget", true)]
    [InlineData("/api/v1/namespaces/{namespace}/widgets", "post", "#/definitions/io.orca.test.v1.Widget", true)]
    [InlineData(WidgetItem, "delete", "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", false)]
    [InlineData(WidgetItem + "/nudge", "post", "#/definitions/io.orca.test.v1.Nudge", true)]
    public void Json_bodies_become_body_parameters(string path, string method, string schemaRef, bool validates)
    {
        var op = Op(V2(), path, method);
        var body = op["parameters"]!.AsArray()[0]!;
        Assert.Equal("body", (string?)body["in"]);
        Assert.Equal(schemaRef, (string?)body["schema"]!["$ref"]);
        Assert.Equal(["application/json", "application/yaml"], op["consumes"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(validates, op["parameters"]!.AsArray().Any(p => (string?)p!["name"] == "fieldValidation"));
    }

    [Fact]
    public void Responses_carry_schema_and_lists_produce_the_watch_stream()
    {
        var doc = V2();
        var list = Op(doc, "/api/v1/namespaces/{namespace}/widgets", "get");
        Assert.Equal("#/definitions/io.orca.test.v1.WidgetList", (string?)list["responses"]!["200"]!["schema"]!["$ref"]);
        Assert.Equal("OK", (string?)list["responses"]!["200"]!["description"]);
        Assert.Null(list["responses"]!["200"]!["content"]);
        Assert.Equal(["application/json", "application/yaml", "application/json;stream=watch"],
            list["produces"]!.AsArray().Select(p => (string?)p));
        Assert.DoesNotContain(list["parameters"]!.AsArray(), p => (string?)p!["in"] == "body");
        Assert.Equal("boolean", (string?)list["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "watch")!["type"]);

        var read = Op(doc, WidgetItem, "get");
        Assert.Equal(["application/json", "application/yaml"], read["produces"]!.AsArray().Select(p => (string?)p));
        Assert.Null(read["parameters"]);
    }

    [Fact]
    public void Path_parameters_are_flattened_and_required()
    {
        var parameters = V2()["paths"]![WidgetItem]!["parameters"]!.AsArray();
        Assert.Equal(["name", "namespace"], parameters.Select(p => (string?)p!["name"]));
        foreach (var p in parameters)
        {
            Assert.Equal("path", (string?)p!["in"]);
            Assert.True((bool)p["required"]!);
            Assert.Equal("string", (string?)p["type"]);
            Assert.Equal(["description", "in", "name", "required", "type", "uniqueItems"], p.AsObject().Select(k => k.Key));
        }
    }

    [Fact]
    public void Patch_extensions_sit_beside_plain_refs()
    {
        var spec = Definition(V2(), "io.orca.test.v1.WidgetSpec")["properties"]!;

        var parts = spec["parts"]!.AsObject();
        Assert.Equal("merge", (string?)parts["x-kubernetes-patch-strategy"]);
        Assert.Equal("name", (string?)parts["x-kubernetes-patch-merge-key"]);
        Assert.Equal("map", (string?)parts["x-kubernetes-list-type"]);
        Assert.Equal(["name"], parts["x-kubernetes-list-map-keys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal("#/definitions/io.orca.test.v1.WidgetPart", (string?)parts["items"]!["$ref"]);

        // v3 wraps this ref in allOf because of its sibling; v2 keeps the plain ref.
        var strategy = spec["strategy"]!.AsObject();
        Assert.Equal(["$ref", "x-kubernetes-patch-strategy"], strategy.Select(p => p.Key));
        Assert.Equal("#/definitions/io.orca.test.v1.WidgetStrategy", (string?)strategy["$ref"]);
        Assert.Equal("retainKeys", (string?)strategy["x-kubernetes-patch-strategy"]);

        var metadata = Definition(V2(), "io.orca.test.v1.Widget")["properties"]!["metadata"]!.AsObject();
        Assert.Equal(["$ref", "description"], metadata.Select(p => p.Key));
    }

    [Fact]
    public void Kinds_are_tagged_on_definitions_across_group_versions()
    {
        var doc = V2();
        var deleteOptions = Definition(doc, "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions")["x-kubernetes-group-version-kind"]!.AsArray();
        Assert.Equal(["v1", "v1beta1"], deleteOptions.Select(k => (string?)k!["version"]));
        Assert.Equal("Widget", (string?)Definition(doc, "io.orca.test.v1.Widget")["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Equal("Gadget", (string?)Definition(doc, "io.orca.test.v1.Gadget")["x-kubernetes-group-version-kind"]![0]!["kind"]);
    }

    [Fact]
    public void Same_input_gives_identical_bytes_and_changes_change_them()
    {
        var first = Build();
        var second = Build();
        Assert.Equal(first.V2, second.V2);
        Assert.Equal(first.V2Hash, second.V2Hash);
        Assert.Equal(first.V2, Build(Gadgets(), Widgets()).V2);
        Assert.NotEqual(first.V2Hash, Build(Widgets("get", "list", "patch"), Gadgets()).V2Hash);
    }

    [Fact]
    public void Real_pods_carry_their_patch_metadata()
    {
        var pods = new OpenApiResource("", "v1", "pods", "Pod", true, typeof(Orca.Api.Core.Pod), typeof(Orca.Api.Core.PodList),
            AllVerbs, [new OpenApiSubresource("status", null, ["get", "update", "patch"])]);
        var doc = V2(OpenApiDocuments.Build([Gadgets(), pods]));

        var containers = Definition(doc, "io.k8s.api.core.v1.PodSpec")["properties"]!["containers"]!;
        Assert.Equal("name", (string?)containers["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)containers["x-kubernetes-patch-strategy"]);
        Assert.Equal("#/definitions/io.k8s.api.core.v1.Container", (string?)containers["items"]!["$ref"]);
        Assert.Equal("Pod", (string?)Op(doc, "/api/v1/namespaces/{namespace}/pods/{name}", "patch")["x-kubernetes-group-version-kind"]!["kind"]);
        var definitions = doc["definitions"]!.AsObject();
        Assert.All(Refs(doc), r => Assert.True(definitions.ContainsKey(r["#/definitions/".Length..]), r));
    }
}
