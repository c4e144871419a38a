using System.Text.Json.Nodes;
using static Orca.Api.Tests.OpenApi.OpenApiFixtures;

namespace Orca.Api.Tests.OpenApi;

public sealed class OpenApiPathsTests
{
    private const string WidgetItem = "/api/v1/namespaces/{namespace}/widgets/{name}";

    [Theory]
    [InlineData("/api/v1/namespaces/{namespace}/widgets", "get", "listCoreV1NamespacedWidget", "list")]
    [InlineData("/api/v1/namespaces/{namespace}/widgets", "post", "createCoreV1NamespacedWidget", "post")]
    [InlineData("/api/v1/namespaces/{namespace}/widgets", "delete", "deleteCoreV1CollectionNamespacedWidget", "deletecollection")]
    [InlineData("/api/v1/widgets", "get", "listCoreV1WidgetForAllNamespaces", "list")]
    [InlineData(WidgetItem, "get", "readCoreV1NamespacedWidget", "get")]
    [InlineData(WidgetItem, "put", "replaceCoreV1NamespacedWidget", "put")]
    [InlineData(WidgetItem, "patch", "patchCoreV1NamespacedWidget", "patch")]
    [InlineData(WidgetItem, "delete", "deleteCoreV1NamespacedWidget", "delete")]
    [InlineData(WidgetItem + "/status", "get", "readCoreV1NamespacedWidgetStatus", "get")]
    [InlineData(WidgetItem + "/status", "put", "replaceCoreV1NamespacedWidgetStatus", "put")]
    [InlineData(WidgetItem + "/status", "patch", "patchCoreV1NamespacedWidgetStatus", "patch")]
    [InlineData(WidgetItem + "/nudge", "post", "createCoreV1NamespacedWidgetNudge", "post")]
    public void Core_operations_have_kubernetes_ids_and_actions(string path, string method, string id, string action)
    {
        var op = Operation(Document(Build(), "api/v1"), path, method);
        Assert.Equal(id, (string?)op["operationId"]);
        Assert.Equal(action, (string?)op["x-kubernetes-action"]);
    }

    [Theory]
    [InlineData("/apis/things.example.com/v1beta1/gadgets", "get", "listThingsExampleComV1beta1Gadget")]
    [InlineData("/apis/things.example.com/v1beta1/gadgets/{name}", "get", "readThingsExampleComV1beta1Gadget")]
    [InlineData("/apis/things.example.com/v1beta1/gadgets/{name}", "patch", "patchThingsExampleComV1beta1Gadget")]
    [InlineData("/apis/things.example.com/v1beta1/gadgets/{name}", "delete", "deleteThingsExampleComV1beta1Gadget")]
    public void Cluster_scoped_operations_are_not_namespaced(string path, string method, string id)
    {
        var doc = Document(Build(), "apis/things.example.com/v1beta1");
        Assert.Equal(id, (string?)Operation(doc, path, method)["operationId"]);
        Assert.DoesNotContain(Parameters(doc, path, method), p => (string?)p["name"] == "namespace");
    }

    [Fact]
    public void Only_declared_verbs_are_advertised()
    {
        var doc = Document(Build(), "apis/things.example.com/v1beta1");
        var paths = doc["paths"]!.AsObject();
        Assert.Equal(["/apis/things.example.com/v1beta1/gadgets", "/apis/things.example.com/v1beta1/gadgets/{name}"], paths.Select(p => p.Key));
        Assert.Equal(["get"], Methods(paths["/apis/things.example.com/v1beta1/gadgets"]!));
        Assert.Equal(["parameters", "get", "patch", "delete"], paths["/apis/things.example.com/v1beta1/gadgets/{name}"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_resource_without_collection_verbs_has_no_collection_path()
    {
        var doc = Document(Build(Widgets("get", "patch")), "api/v1");
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.DoesNotContain("/api/v1/namespaces/{namespace}/widgets", paths);
        Assert.DoesNotContain("/api/v1/widgets", paths);
        Assert.Contains(WidgetItem, paths);
    }

    [Theory]
    [InlineData(WidgetItem, "Widget", "")]
    [InlineData(WidgetItem + "/status", "Widget", "")]
    [InlineData("/apis/things.example.com/v1beta1/gadgets/{name}", "Gadget", "things.example.com")]
    public void Patch_has_kind_field_validation_and_the_four_patch_types(string path, string kind, string group)
    {
        var gv = group.Length == 0 ? "api/v1" : "apis/things.example.com/v1beta1";
        var op = Operation(Document(Build(), gv), path, "patch");

        var gvk = op["x-kubernetes-group-version-kind"]!;
        Assert.Equal(group, (string?)gvk["group"]);
        Assert.Equal(kind, (string?)gvk["kind"]);
        Assert.Equal(group.Length == 0 ? "v1" : "v1beta1", (string?)gvk["version"]);
        var query = op["parameters"]!.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string?)p!["name"]);
        Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], query);
        var content = op["requestBody"]!["content"]!.AsObject();
        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"],
            content.Select(c => c.Key));
        Assert.All(content, c => Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch", (string?)c.Value!["schema"]!["$ref"]));
    }

    [Theory]
    [InlineData("/api/v1/namespaces/{namespace}/widgets", "post")]
    [InlineData(WidgetItem, "put")]
    [InlineData(WidgetItem + "/status", "put")]
    public void Writes_declare_field_validation_and_a_json_body(string path, string method)
    {
        var op = Operation(Document(Build(), "api/v1"), path, method);
        Assert.Contains(op["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation" && (string?)p["in"] == "query");
        Assert.Equal("#/components/schemas/io.orca.test.v1.Widget", (string?)op["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/io.orca.test.v1.Widget", (string?)op["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void List_declares_selector_paging_and_watch_parameters_and_answers_the_list_kind()
    {
        var op = Operation(Document(Build(), "api/v1"), "/api/v1/namespaces/{namespace}/widgets", "get");
        var names = op["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ToList();
        foreach (var expected in new[] { "labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "resourceVersionMatch", "watch", "timeoutSeconds", "allowWatchBookmarks", "sendInitialEvents" })
            Assert.Contains(expected, names);
        Assert.Equal("#/components/schemas/io.orca.test.v1.WidgetList", (string?)op["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void Namespaced_paths_declare_name_and_namespace_path_parameters()
    {
        var doc = Document(Build(), "api/v1");
        var item = doc["paths"]![WidgetItem]!["parameters"]!.AsArray();
        Assert.Equal(["name", "namespace"], item.Select(p => (string?)p!["name"]));
        Assert.All(item, p => Assert.True((bool)p!["required"]! && (string?)p["in"] == "path"));
        Assert.Null(doc["paths"]!["/api/v1/widgets"]!["parameters"]);
    }

    [Fact]
    public void Subresource_of_another_kind_carries_that_kind()
    {
        var doc = Document(Build(), "api/v1");
        var op = Operation(doc, WidgetItem + "/nudge", "post");
        Assert.Equal("Nudge", (string?)op["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("#/components/schemas/io.orca.test.v1.Nudge", (string?)op["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        var tags = SchemaOf(doc, "io.orca.test.v1.Nudge")["x-kubernetes-group-version-kind"]!.AsArray();
        Assert.Equal("Nudge", (string?)Assert.Single(tags)!["kind"]);
    }

    private static JsonObject Operation(JsonObject doc, string path, string method)
    {
        var item = doc["paths"]![path];
        Assert.True(item is not null, $"no path {path}");
        var op = item[method];
        Assert.True(op is not null, $"no {method} on {path}");
        return op.AsObject();
    }

    private static IEnumerable<JsonNode> Parameters(JsonObject doc, string path, string method) =>
        (doc["paths"]![path]!["parameters"]?.AsArray() ?? []).Concat(Operation(doc, path, method)["parameters"]?.AsArray() ?? [])!;

    private static IEnumerable<string> Methods(JsonNode pathItem) =>
        pathItem.AsObject().Select(p => p.Key).Where(k => k != "parameters");
}
