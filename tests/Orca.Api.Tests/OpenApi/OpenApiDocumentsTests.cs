using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.OpenApi;
using static Orca.Api.Tests.OpenApi.OpenApiFixtures;

namespace Orca.Api.Tests.OpenApi;

public sealed class OpenApiDocumentsTests
{
    [Fact]
    public void Index_links_every_group_version_by_hash()
    {
        var docs = Build();
        var paths = JsonNode.Parse(docs.Index)!["paths"]!.AsObject();

        Assert.Equal(["api/v1", "apis/things.example.com/v1beta1"], paths.Select(p => p.Key));
        Assert.Equal(["api/v1", "apis/things.example.com/v1beta1"], docs.GroupVersionPaths);
        foreach (var (gv, entry) in paths)
        {
            Assert.True(docs.TryGet(gv, out var json, out var hash));
            Assert.Equal($"/openapi/v3/{gv}?hash={hash}", (string?)entry!["serverRelativeURL"]);
            Assert.Equal(Convert.ToHexString(SHA512.HashData(json)), hash);
            Assert.Matches("^[0-9A-F]{128}$", hash);
        }
    }

    [Theory]
    [InlineData("api/v1", true)]
    [InlineData("apis/things.example.com/v1beta1", true)]
    [InlineData("apis/things.example.com/v1", false)]
    [InlineData("/api/v1", false)]
    [InlineData("", false)]
    public void TryGet_finds_only_served_group_versions(string gv, bool found) =>
        Assert.Equal(found, Build().TryGet(gv, out _, out _));

    [Fact]
    public void Documents_are_valid_json_with_openapi_header()
    {
        var docs = Build();
        foreach (var gv in docs.GroupVersionPaths)
        {
            docs.TryGet(gv, out var json, out _);
            using var parsed = JsonDocument.Parse(json);
            var root = parsed.RootElement;
            Assert.Equal("3.0.0", root.GetProperty("openapi").GetString());
            Assert.Equal("Kubernetes (Orca)", root.GetProperty("info").GetProperty("title").GetString());
            Assert.Equal("v1.32.0", root.GetProperty("info").GetProperty("version").GetString());
        }
    }

    [Fact]
    public void Same_input_gives_identical_bytes()
    {
        var first = Build();
        var second = Build();
        Assert.Equal(first.Index, second.Index);
        foreach (var gv in first.GroupVersionPaths)
        {
            first.TryGet(gv, out var a, out var hashA);
            second.TryGet(gv, out var b, out var hashB);
            Assert.Equal(a, b);
            Assert.Equal(hashA, hashB);
        }
    }

    [Fact]
    public void Hash_changes_when_the_document_changes_and_only_then()
    {
        var all = Build(Widgets(), Gadgets());
        var fewerVerbs = Build(Widgets("get", "list", "patch"), Gadgets());
        all.TryGet("api/v1", out _, out var before);
        fewerVerbs.TryGet("api/v1", out _, out var after);
        all.TryGet("apis/things.example.com/v1beta1", out _, out var otherBefore);
        fewerVerbs.TryGet("apis/things.example.com/v1beta1", out _, out var otherAfter);

        Assert.NotEqual(before, after);
        Assert.Equal(otherBefore, otherAfter);
        Assert.NotEqual(all.Index, fewerVerbs.Index);
    }

    [Fact]
    public void Every_ref_points_to_an_existing_component()
    {
        var docs = Build();
        foreach (var gv in docs.GroupVersionPaths)
        {
            var doc = Document(docs, gv);
            var schemas = doc["components"]!["schemas"]!.AsObject();
            var refs = Refs(doc).ToList();
            Assert.NotEmpty(refs);
            foreach (var r in refs)
            {
                Assert.StartsWith("#/components/schemas/", r);
                Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), $"{gv}: dangling {r}");
            }
        }
    }

    [Fact]
    public void Schemas_are_in_ordinal_order()
    {
        var doc = Document(Build(), "api/v1");
        var names = doc["components"]!["schemas"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
    }

    [Fact]
    public void Duplicate_resource_in_one_group_version_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Build(Widgets(), Widgets()));

    [Fact]
    public void Two_types_claiming_one_schema_name_are_rejected()
    {
        var clash = OpenApiSchemaNames.Default
            .With("Orca.Api.Tests.OpenApi", new("io.k8s.apimachinery.pkg.apis.meta.v1", "", "v1"));
        var twins = Widgets() with { ObjectType = typeof(ObjectMetaTwin), Subresources = [] };
        Assert.Throws<InvalidOperationException>(() => OpenApiDocuments.Build([twins], clash));
    }
}

/// <summary>Refers to metav1.ObjectMeta and to a look-alike of the same simple name.</summary>
public sealed record ObjectMetaTwin
{
    public Orca.Api.Meta.ObjectMeta? Metadata { get; set; }
    public Clash.ObjectMeta? Twin { get; set; }
}

public static class Clash
{
    public sealed record ObjectMeta
    {
        public string? Name { get; set; }
    }
}
