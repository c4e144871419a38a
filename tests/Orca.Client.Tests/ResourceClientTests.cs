using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Client.Tests;

public sealed class ResourceClientTests
{
    [Fact]
    public async Task Update_replaces_and_a_stale_update_is_Conflict()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cms = cluster.Client.Resource<ConfigMap>();
        var created = await cms.CreateAsync(Builders.ConfigMap("one", "1"));
        created.Data!["k"] = "2";
        var updated = await cms.UpdateAsync(created);
        Assert.Equal("2", updated.Data!["k"]);
        created.Data!["k"] = "stale";
        var conflict = await Assert.ThrowsAsync<ApiException>(() => cms.UpdateAsync(created));
        Assert.True(conflict.IsConflict);
    }

    [Fact]
    public async Task Create_get_patch_delete_a_configmap()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cms = cluster.Client.Resource<ConfigMap>();

        var created = await cms.CreateAsync(Builders.ConfigMap("one", "1"));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.Equal("1", (await cms.GetAsync("default", "one")).Data!["k"]);

        var patched = await cms.PatchAsync("default", "one", PatchType.Merge, """{"data":{"k":"3"}}""");
        Assert.Equal("3", patched.Data!["k"]);

        await cms.DeleteAsync("default", "one");
        var missing = await Assert.ThrowsAsync<ApiException>(() => cms.GetAsync("default", "one"));
        Assert.True(missing.IsNotFound);
        Assert.Equal(StatusReasons.NotFound, missing.Reason);
    }

    [Fact]
    public async Task Duplicate_create_is_AlreadyExists_and_a_stale_write_is_Conflict()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cms = cluster.Client.Resource<ConfigMap>();
        var first = await cms.CreateAsync(Builders.ConfigMap("dup", "1"));

        var exists = await Assert.ThrowsAsync<ApiException>(() => cms.CreateAsync(Builders.ConfigMap("dup", "1")));
        Assert.True(exists.IsAlreadyExists, $"{exists.Code} {exists.Reason}: {exists.Message}");
        Assert.Equal(409, exists.Code);

        await cms.PatchAsync("default", "dup", PatchType.Merge, """{"data":{"k":"2"}}""");
        var stale = $$$"""{"metadata":{"resourceVersion":"{{{first.Metadata.ResourceVersion}}}"},"data":{"k":"stale"}}""";
        var conflict = await Assert.ThrowsAsync<ApiException>(() => cms.PatchAsync("default", "dup", PatchType.Merge, stale));
        Assert.True(conflict.IsConflict);
        Assert.False(conflict.IsAlreadyExists);
    }

    [Fact]
    public async Task List_filters_by_label_and_follows_continue_tokens()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pods = cluster.Client.Resource<Pod>();
        for (var i = 0; i < 5; i++) await pods.CreateAsync(Builders.Pod($"p{i}", app: i % 2 == 0 ? "even" : "odd"));

        var even = await pods.ListAsync("default", new ListOptions { LabelSelector = "app=even" });
        Assert.Equal(["p0", "p2", "p4"], even.Items.Select(p => p.Metadata.Name!).Order());

        var page = await pods.ListAsync("default", new ListOptions { Limit = 2 });
        Assert.Equal(2, page.Items.Count);
        Assert.NotNull(page.Continue);

        var all = await pods.ListAsync(null, new ListOptions { Limit = 2, AllPages = true });
        Assert.Equal(5, all.Items.Count);
        Assert.Null(all.Continue);
        Assert.False(string.IsNullOrEmpty(all.ResourceVersion));
    }

    [Fact]
    public async Task Binding_subresource_sets_the_node_and_cluster_scoped_paths_work()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pods = cluster.Client.Resource<Pod>();
        await pods.CreateAsync(Builders.Pod("bind-me"));
        await pods.CreateSubresourceAsync("default", "bind-me", "binding", new Binding
        {
            ApiVersion = "v1", Kind = "Binding",
            Metadata = new() { Name = "bind-me", Namespace = "default" },
            Target = new() { Kind = "Node", Name = "node-1" },
        });
        Assert.Equal("node-1", (await pods.GetAsync("default", "bind-me")).Spec.NodeName);

        var namespaces = await cluster.Client.Resource<Namespace>().ListAsync(null);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
    }

    [Fact]
    public async Task Watch_streams_added_modified_deleted_from_a_version()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cms = cluster.Client.Resource<ConfigMap>();
        await cms.CreateAsync(Builders.ConfigMap("seed", "0")); // see Empty_list_has_a_real_resource_version
        var start = await cms.ListAsync("default");
        Assert.NotEqual("0", start.ResourceVersion);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in cms.WatchAsync("default", new WatchOptions { ResourceVersion = start.ResourceVersion }, cts.Token))
            {
                if (e.Type == WatchEventType.Bookmark) continue;
                lock (seen) seen.Add((e.Type, e.Object.Data?.GetValueOrDefault("k") ?? ""));
                if (e.Type == WatchEventType.Deleted) return;
            }
        });
        await cms.CreateAsync(Builders.ConfigMap("w", "1"));
        await cms.PatchAsync("default", "w", PatchType.Merge, """{"data":{"k":"2"}}""");
        await cms.DeleteAsync("default", "w");
        try { await watching.WaitAsync(cts.Token); } catch (OperationCanceledException) { Assert.Fail("saw only: " + string.Join(", ", seen) + " " + watching.Status + " " + watching.Exception); }
        Assert.Equal([(WatchEventType.Added, "1"), (WatchEventType.Modified, "2"), (WatchEventType.Deleted, "2")], seen);
    }

    [Fact]
    public async Task Empty_list_has_a_real_resource_version()
    {
        await using var cluster = await TestCluster.StartAsync();
        var list = await cluster.Client.Resource<ConfigMap>().ListAsync("default");
        Assert.NotEqual("0", list.ResourceVersion);
    }

    [Fact]
    public async Task Kubeconfig_written_by_the_server_connects_over_tls_and_a_foreign_ca_is_rejected()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var fromConfig = KubeClient.FromKubeconfig(cluster.Server.KubeconfigPath);
        Assert.NotNull(fromConfig.Options.ClientCertificatePem);
        var list = await fromConfig.Resource<Namespace>().ListAsync(null);
        Assert.NotEmpty(list.Items);

        await using var other = await TestCluster.StartAsync();
        using var wrongCa = new KubeClient(new KubeClientOptions { Server = cluster.Server.Url, CaPem = other.Server.CaPem, BearerToken = cluster.Server.AdminToken });
        await Assert.ThrowsAsync<HttpRequestException>(() => wrongCa.Resource<Namespace>().ListAsync(null));
    }

    [Fact]
    public async Task Missing_token_is_Unauthorized()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var anonymous = new KubeClient(new KubeClientOptions { Server = cluster.Server.Url, CaPem = cluster.Server.CaPem });
        var e = await Assert.ThrowsAsync<ApiException>(() => anonymous.Resource<Pod>().ListAsync("default"));
        Assert.Contains(e.Code, new[] { 401, 403 });
    }
}
