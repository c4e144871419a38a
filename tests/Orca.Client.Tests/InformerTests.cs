using Orca.Api.Core;

namespace Orca.Client.Tests;

public sealed class InformerTests
{
    [Fact]
    public async Task Informer_delivers_add_update_delete_and_its_lister_converges()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pods = cluster.Client.Resource<Pod>();
        await pods.CreateAsync(Builders.Pod("before"));

        await using var factory = new SharedInformerFactory(cluster.Client);
        var informer = factory.For<Pod>();
        Assert.Same(informer, factory.For<Pod>());
        informer.Indexer.AddIndex("node", p => p.Spec.NodeName is { } n ? [n] : []);
        var log = new List<string>();
        informer.AddEventHandler(
            onAdd: p => { lock (log) log.Add($"add {p.Metadata.Name}"); },
            onUpdate: (_, p) => { lock (log) log.Add($"update {p.Metadata.Name} {p.Metadata.Labels?.GetValueOrDefault("v")}"); },
            onDelete: p => { lock (log) log.Add($"delete {p.Metadata.Name}"); });
        factory.Start();
        await factory.WaitForCacheSyncAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(informer.HasSynced);
        Assert.NotNull(informer.Lister.Get("default", "before"));

        await pods.CreateAsync(Builders.Pod("p1"));
        await pods.PatchAsync("default", "p1", PatchType.Merge, """{"metadata":{"labels":{"v":"2"}}}""");
        await pods.CreateSubresourceAsync("default", "p1", "binding", new Binding
        {
            Metadata = new() { Name = "p1", Namespace = "default" }, Target = new() { Kind = "Node", Name = "n1" },
        });
        await TestCluster.EventuallyAsync(() => informer.Lister.ByIndex("node", "n1").Count == 1, "p1 indexed on n1");
        Assert.Equal("2", informer.Lister.Get("default", "p1")!.Metadata.Labels!["v"]);

        await pods.DeleteAsync("default", "p1", new Orca.Api.Meta.DeleteOptions { GracePeriodSeconds = 0 });
        await TestCluster.EventuallyAsync(() => informer.Lister.Get("default", "p1") is null, "p1 gone from the cache");
        Assert.Empty(informer.Lister.ByIndex("node", "n1"));

        // The cache is updated before the handlers run: wait for the delete handler too.
        await TestCluster.EventuallyAsync(() => { lock (log) return log.Count > 0 && log[^1] == "delete p1"; }, "the delete handler ran");
        string[] snapshot;
        lock (log) snapshot = log.ToArray();
        Assert.Equal("add before", snapshot[0]);
        Assert.Equal("add p1", snapshot[1]);
        Assert.Contains("update p1 2", snapshot);
        Assert.Equal("delete p1", snapshot[^1]);
    }

    [Fact]
    public async Task Informer_rewatches_after_the_server_ends_the_watch()
    {
        await using var cluster = await TestCluster.StartAsync();
        var counter = new CountingHandler(TlsHandler.Create(cluster.Client.Options));
        using var client = new KubeClient(cluster.Client.Options with { Handler = counter });
        await using var informer = new SharedInformer<ConfigMap>(client, new InformerOptions { Namespace = "default", WatchTimeout = TimeSpan.FromSeconds(1) });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(15));

        await TestCluster.EventuallyAsync(() => counter.Watches >= 3, "two watches ended and a third began");
        await cluster.Client.Resource<ConfigMap>().CreateAsync(Builders.ConfigMap("late", "x"));
        await TestCluster.EventuallyAsync(() => informer.Lister.Get("default", "late") is not null, "late configmap seen");
        Assert.Equal(1, counter.Lists);
    }

    [Fact]
    public async Task A_handler_added_after_sync_gets_the_cache_as_adds()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.Resource<ConfigMap>().CreateAsync(Builders.ConfigMap("a", "1"));
        await using var informer = new SharedInformer<ConfigMap>(cluster.Client, new InformerOptions { Namespace = "default" });
        informer.Start();
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(15));
        var added = new List<string>();
        informer.AddEventHandler(onAdd: c => { lock (added) added.Add(c.Metadata.Name!); });
        await TestCluster.EventuallyAsync(() => { lock (added) return added.Contains("a"); }, "replayed add");
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _watches;
        private int _lists;

        public int Watches => Volatile.Read(ref _watches);
        public int Lists => Volatile.Read(ref _lists);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal)) Interlocked.Increment(ref _watches);
            else Interlocked.Increment(ref _lists);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
