using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Resources;
using Orca.Storage.Memory;

namespace Orca.ApiServer.Tests.Registry;

/// <summary>A write's stored bytes are decoded once: the writer's answer, the cache and every watcher share one object.</summary>
public sealed class WriteDecodeSharingTests
{
    private static ConfigMap Map(string name, string value) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap",
        Metadata = new() { Name = name, Namespace = "default" },
        Data = new() { ["v"] = value },
    };

    private static async Task<ResourceStore> StartAsync(MemoryStore store)
    {
        var definition = CoreResources.Definitions().First(d => d.Resource == "configmaps");
        var registry = new ResourceStore(definition, store, TimeProvider.System, new AllowAllAdmission(), NullLogger.Instance);
        registry.Start();
        await registry.Cache.Ready;
        return registry;
    }

    [Fact]
    public async Task The_writers_answer_is_the_object_the_cache_and_its_watchers_get()
    {
        var store = new MemoryStore();
        await using var registry = await StartAsync(store);
        using var watcher = registry.Cache.Watch("/registry/configmaps/", registry.Cache.Revision, initialEvents: false)!;

        var created = await registry.CreateAsync(Map("m", "1"), "default", new WriteOptions(), CancellationToken.None);
        var (updated, _) = await registry.UpdateAsync("default", "m", _ => Map("m", "2"), registry.Definition.Strategy, new WriteOptions(), false, CancellationToken.None);
        await registry.Cache.WaitForRevisionAsync(updated.ModRevision, CancellationToken.None);

        Assert.True(watcher.Events.TryRead(out var added));
        Assert.True(watcher.Events.TryRead(out var modified));
        Assert.Same(created, added.Object);
        Assert.Same(updated, modified.Object);
        Assert.Same(updated, registry.Cache.Get("/registry/configmaps/default/m"));
        Assert.Equal("2", ((ConfigMap)updated.Object).Data!["v"]);
        Assert.Contains($"\"resourceVersion\":\"{updated.ModRevision}\"", Encoding.UTF8.GetString(updated.Json));
    }

    [Fact]
    public async Task A_handed_over_decode_is_taken_only_for_the_same_key_and_bytes()
    {
        var store = new MemoryStore();
        await using var registry = await StartAsync(store);
        var cache = registry.Cache;

        // Revision 1 is announced with bytes other than the ones stored: the cache must decode what was stored.
        var wrong = cache.DecodeWritten("/registry/configmaps/default/a", ApiJson.Serialize(Map("a", "wrong")), 1);
        await store.CreateAsync("/registry/configmaps/default/a", ApiJson.Serialize(Map("a", "right")));
        // Revision 2 is announced under another key than the one written.
        await cache.WaitForRevisionAsync(1, CancellationToken.None);
        var otherKey = cache.DecodeWritten("/registry/configmaps/default/x", ApiJson.Serialize(Map("b", "same")), 2);
        await store.CreateAsync("/registry/configmaps/default/b", ApiJson.Serialize(Map("b", "same")));
        // Revision 3 is announced with equal bytes (another array): the cache takes the writer's object.
        await cache.WaitForRevisionAsync(2, CancellationToken.None);
        var shared = cache.DecodeWritten("/registry/configmaps/default/c", ApiJson.Serialize(Map("c", "3")), 3);
        await store.CreateAsync("/registry/configmaps/default/c", ApiJson.Serialize(Map("c", "3")));
        await cache.WaitForRevisionAsync(3, CancellationToken.None);

        var a = cache.Get("/registry/configmaps/default/a")!;
        Assert.NotSame(wrong, a);
        Assert.Equal("right", ((ConfigMap)a.Object).Data!["v"]);
        Assert.NotSame(otherKey, cache.Get("/registry/configmaps/default/b"));
        Assert.Null(cache.Get("/registry/configmaps/default/x"));
        Assert.Same(shared, cache.Get("/registry/configmaps/default/c"));
    }

    [Fact]
    public async Task A_write_the_cache_already_applied_answers_with_the_cached_object()
    {
        var store = new MemoryStore();
        await using var registry = await StartAsync(store);
        var kv = await store.CreateAsync("/registry/configmaps/default/m", ApiJson.Serialize(Map("m", "1")));
        await registry.Cache.WaitForRevisionAsync(kv.ModRevision, CancellationToken.None);

        Assert.Same(registry.Cache.Get(kv.Key), registry.Cache.DecodeWritten(kv.Key, kv.Value, kv.ModRevision));
    }
}
