using Orca.Api.Core;
using Orca.Api.Selectors;

namespace Orca.Client.Tests;

public sealed class IndexerTests
{
    private static Pod Pod(string ns, string name, string? node = null, string? app = null) => new()
    {
        Metadata = new() { Namespace = ns, Name = name, Labels = app is null ? null : new() { ["app"] = app } },
        Spec = new() { NodeName = node },
    };

    private static Indexer<Pod> NewIndexer()
    {
        var indexer = new Indexer<Pod>();
        indexer.AddIndex("node", p => p.Spec.NodeName is { } n ? [n] : []);
        return indexer;
    }

    [Fact]
    public void Get_and_list_by_namespace_and_labels()
    {
        var indexer = NewIndexer();
        indexer.Upsert(Pod("a", "web-1", app: "web"));
        indexer.Upsert(Pod("a", "db-1", app: "db"));
        indexer.Upsert(Pod("b", "web-2", app: "web"));
        Assert.Equal("web-1", indexer.Get("a/web-1")?.Metadata.Name);
        Assert.Null(indexer.Get("b", "web-1"));
        Assert.Equal(3, indexer.List().Count);
        Assert.Equal(["db-1", "web-1"], indexer.List("a").Select(p => p.Metadata.Name!).Order());
        Assert.Equal(["web-1", "web-2"], indexer.List(null, LabelSelectorParser.Parse("app=web")).Select(p => p.Metadata.Name!).Order());
        Assert.Equal(["web-2"], new Lister<Pod>(indexer).List("b", "app in (web)").Select(p => p.Metadata.Name!));
    }

    [Fact]
    public void Indexes_follow_updates_and_removals()
    {
        var indexer = NewIndexer();
        indexer.Upsert(Pod("a", "p1", node: "n1"));
        indexer.Upsert(Pod("a", "p2", node: "n1"));
        indexer.Upsert(Pod("a", "p3"));
        Assert.Equal(2, indexer.ByIndex("node", "n1").Count);

        var old = indexer.Upsert(Pod("a", "p2", node: "n2"));
        Assert.Equal("n1", old?.Spec.NodeName);
        Assert.Equal(["p1"], indexer.ByIndex("node", "n1").Select(p => p.Metadata.Name!));
        Assert.Equal(["p2"], indexer.ByIndex("node", "n2").Select(p => p.Metadata.Name!));

        Assert.NotNull(indexer.Remove("a/p1"));
        Assert.Empty(indexer.ByIndex("node", "n1"));
        Assert.Empty(indexer.List("b"));
        Assert.Null(indexer.Remove("a/p1"));
        Assert.Equal(2, indexer.Count);
    }

    [Fact]
    public void An_index_added_late_covers_existing_objects_and_unknown_indexes_throw()
    {
        var indexer = new Indexer<Pod>();
        indexer.Upsert(Pod("a", "p1", node: "n1"));
        indexer.AddIndex("node", p => p.Spec.NodeName is { } n ? [n] : []);
        Assert.Single(indexer.ByIndex("node", "n1"));
        Assert.Throws<ArgumentException>(() => indexer.ByIndex("nope", "x"));
        Assert.Throws<ArgumentException>(() => indexer.AddIndex("node", _ => []));
    }

    [Theory]
    [InlineData("ns/name", "ns", "name")]
    [InlineData("node-1", "", "node-1")]
    public void Keys_split_back(string key, string ns, string name)
    {
        Assert.Equal((ns, name), ObjectKey.Split(key));
        Assert.Equal(key, ObjectKey.For(ns, name));
    }
}
