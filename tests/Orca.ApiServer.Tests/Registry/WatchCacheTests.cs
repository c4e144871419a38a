using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Resources;
using Orca.ApiServer.Watch;
using Orca.Storage.Memory;

namespace Orca.ApiServer.Tests.Registry;

/// <summary>The watch cache: resumable window, expiry (410), progress, selectors-free delivery order.</summary>
public sealed class WatchCacheTests
{
    private static byte[] ConfigMap(string name) => ApiJson.Serialize(new ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new() { Name = name, Namespace = "default" } });

    [Fact]
    public async Task A_watch_resumes_inside_the_window_and_expires_before_it()
    {
        var store = new MemoryStore();
        var definition = CoreResources.Definitions().First(d => d.Resource == "configmaps");
        var registry = new ResourceStore(definition, store, TimeProvider.System, new AllowAllAdmission(), NullLogger.Instance);
        await using var cache = new WatchCache(store, definition.StoragePrefix, registry.Decode, NullLogger.Instance, windowCapacity: 5);
        cache.Start();
        await cache.Ready;
        for (var i = 0; i < 10; i++) await store.CreateAsync($"/registry/configmaps/default/c{i}", ConfigMap($"c{i}"));
        await cache.WaitForRevisionAsync(10, CancellationToken.None);

        Assert.Null(cache.Watch("/registry/configmaps/", afterRevision: 2, initialEvents: false));
        using var resumed = cache.Watch("/registry/configmaps/", afterRevision: 7, initialEvents: false)!;
        var replayed = new List<long>();
        while (resumed.Events.TryRead(out var e)) replayed.Add(e.Revision);
        Assert.Equal([8L, 9L, 10L], replayed);

        using var fresh = cache.Watch("/registry/configmaps/", afterRevision: 0, initialEvents: true)!;
        var initial = 0;
        while (fresh.Events.TryRead(out var e))
        {
            Assert.Equal(WatchEventType.Added, e.Type);
            initial++;
        }
        Assert.Equal(10, initial);
    }

    [Fact]
    public async Task Writes_elsewhere_advance_the_cache_revision_through_progress_notifications()
    {
        var store = new MemoryStore();
        var definition = CoreResources.Definitions().First(d => d.Resource == "configmaps");
        var registry = new ResourceStore(definition, store, TimeProvider.System, new AllowAllAdmission(), NullLogger.Instance);
        await using var cache = new WatchCache(store, definition.StoragePrefix, registry.Decode, NullLogger.Instance);
        cache.Start();
        await cache.Ready;
        await store.CreateAsync("/registry/secrets/default/s", [1]);
        await store.CreateAsync("/registry/secrets/default/t", [1]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await cache.WaitForRevisionAsync(2, cts.Token);
        Assert.Equal(2, cache.Snapshot().Revision);
        Assert.Empty(cache.Snapshot().Items);
    }
}
