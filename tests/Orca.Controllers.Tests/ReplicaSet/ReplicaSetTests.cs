using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Scheduling;
using Orca.Client;
using Orca.Sim;
using static Orca.Controllers.Tests.ReplicaSets.WorkloadSupport;

namespace Orca.Controllers.Tests.ReplicaSets;

/// <summary>The ReplicaSet controller against a real API server, the real scheduler and hollow nodes on a fake clock.</summary>
public sealed class ReplicaSetTests
{
    private static ResourceClient<ReplicaSet> Sets(ControllerCluster c) => c.Client.Resource<ReplicaSet>();

    [Fact]
    public async Task Keeps_replicas_running_writes_status_and_replaces_a_deleted_pod_with_a_new_uid()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicaset"], scheduler: true);
        await cluster.StartNodesAsync(new HollowOptions { Nodes = 2 });
        await Sets(cluster).CreateAsync(ReplicaSet("web", 3, "web"));

        var rs = await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("web"),
            r => r.Status is { Replicas: 3, ReadyReplicas: 3, AvailableReplicas: 3, FullyLabeledReplicas: 3, ObservedGeneration: 1 }, "status 3/3/3");
        var pods = await cluster.LivePodsAsync("app=web");
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal(rs.Metadata.Uid, Assert.Single(p.Metadata.OwnerReferences!).Uid));
        Assert.All(pods, p => Assert.StartsWith("web-", p.Metadata.Name));
        var created = await WaitForAsync(() => cluster.EventsAsync("web", "SuccessfulCreate"), e => e.Count == 3, "3 SuccessfulCreate events");
        Assert.Equal(pods.Select(p => $"Created pod: {p.Metadata.Name}").Order(), created.Order());

        var victim = pods[0];
        await cluster.Pods.DeleteAsync("default", victim.Metadata.Name!);
        var after = await WaitForAsync(() => cluster.LivePodsAsync("app=web"),
            p => p.Count == 3 && p.All(x => x.Metadata.Uid != victim.Metadata.Uid) && p.All(IsReady), "a replacement pod");
        Assert.Equal(2, after.Count(p => pods.Any(o => o.Metadata.Uid == p.Metadata.Uid)));
    }

    [Fact]
    public async Task Adopts_matching_orphans_and_releases_a_pod_whose_labels_stop_matching()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicaset"]);
        await cluster.StartNodesAsync(new HollowOptions { Nodes = 1 });
        await cluster.Pods.CreateAsync(Orphan("stray-1", "api", "hollow-0"));
        await cluster.Pods.CreateAsync(Orphan("stray-2", "api", "hollow-0"));
        var rs = await Sets(cluster).CreateAsync(ReplicaSet("api", 2, "api"));

        var adopted = await WaitForAsync(() => cluster.LivePodsAsync("app=api"),
            p => p.Count == 2 && p.All(x => x.Metadata.OwnerReferences?.SingleOrDefault(r => r.Controller == true)?.Uid == rs.Metadata.Uid), "both orphans adopted");
        Assert.Equal(["stray-1", "stray-2"], adopted.Select(p => p.Metadata.Name).Order());
        Assert.Empty(await cluster.EventsAsync("api", "SuccessfulCreate"));

        await cluster.Pods.PatchAsync("default", "stray-1", PatchType.Merge, """{"metadata":{"labels":{"app":"other"}}}""");
        var released = await WaitForAsync(() => cluster.GetAsync<Pod>("stray-1"), p => p.Metadata.OwnerReferences is null, "stray-1 released");
        Assert.Equal("other", released.Metadata.Labels!["app"]);
        var pods = await WaitForAsync(() => cluster.LivePodsAsync("app=api"), p => p.Count == 2 && p.Any(x => x.Metadata.Name != "stray-2"), "a replacement for the released pod");
        Assert.Contains(pods, p => p.Metadata.Name!.StartsWith("api-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_burst_of_syncs_during_creation_never_creates_more_pods_than_replicas()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicaset"]);
        await Sets(cluster).CreateAsync(ReplicaSet("burst", 120, "burst"));
        // Every annotation change is an event that queues another sync while creations are in flight.
        for (var i = 0; i < 30; i++)
            await Sets(cluster).PatchAsync("default", "burst", PatchType.Merge, """{"metadata":{"annotations":{"poke":"N"}}}""".Replace("N", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("burst"), r => r.Status.Replicas == 120, "120 replicas");
        for (var i = 0; i < 10; i++)
        {
            await Sets(cluster).PatchAsync("default", "burst", PatchType.Merge, """{"metadata":{"annotations":{"poke":"again-N"}}}""".Replace("N", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            await Task.Delay(30);
        }
        Assert.Equal(120, (await cluster.PodsAsync(labelSelector: "app=burst")).Count);
        // As Kubernetes records them: nine "Created pod" events, then one combined event counting the rest up to the spam burst (25).
        var events = await WaitForAsync(async () => (await cluster.Client.Resource<Event>().ListAsync("default")).Items
            .Where(e => e.InvolvedObject.Name == "burst" && e.Reason == "SuccessfulCreate").ToList(), e => e.Sum(x => x.Count ?? 1) >= 25, "create events");
        Assert.Equal(10, events.Count);
        Assert.Equal(16, Assert.Single(events, e => e.Message!.StartsWith("(combined from similar events): Created pod: burst-", StringComparison.Ordinal)).Count);
    }

    [Fact]
    public async Task Scaling_down_deletes_the_unassigned_pod_first_then_the_not_ready_one()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicaset"]);
        await cluster.StartNodesAsync(new HollowOptions { Nodes = 1 });
        await cluster.Pods.CreateAsync(Orphan("ready-1", "rank", "hollow-0"));
        await cluster.Pods.CreateAsync(Orphan("ready-2", "rank", "hollow-0"));
        await WaitForAsync(() => cluster.LivePodsAsync("app=rank"), p => p.Count == 2 && p.All(IsReady), "two running pods");
        // A pod on a node that runs nothing stays Pending and not ready; one without a node is unassigned.
        await cluster.Pods.CreateAsync(Orphan("stuck", "rank", "no-such-node"));
        await cluster.Pods.CreateAsync(Orphan("unassigned", "rank", null));
        await Sets(cluster).CreateAsync(ReplicaSet("rank", 4, "rank"));
        await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("rank"), r => r.Status.Replicas == 4, "4 adopted");

        await Sets(cluster).PatchAsync("default", "rank", PatchType.Merge, """{"spec":{"replicas":3}}""");
        await WaitForAsync(() => cluster.LivePodsAsync("app=rank"), p => p.Count == 3, "3 pods");
        Assert.Equal(["ready-1", "ready-2", "stuck"], (await cluster.LivePodsAsync("app=rank")).Select(p => p.Metadata.Name).Order());

        await Sets(cluster).PatchAsync("default", "rank", PatchType.Merge, """{"spec":{"replicas":2}}""");
        await WaitForAsync(() => cluster.LivePodsAsync("app=rank"), p => p.Count == 2, "2 pods");
        Assert.Equal(["ready-1", "ready-2"], (await cluster.LivePodsAsync("app=rank")).Select(p => p.Metadata.Name).Order());
        Assert.Contains("Deleted pod: unassigned", await cluster.EventsAsync("rank", "SuccessfulDelete"));
    }

    [Fact]
    public async Task Ready_pods_count_as_available_only_after_minReadySeconds_on_the_clock()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicaset"], scheduler: true);
        await cluster.StartNodesAsync(new HollowOptions { Nodes = 1 });
        await Sets(cluster).CreateAsync(ReplicaSet("slow", 2, "slow", minReadySeconds: 30));

        var rs = await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("slow"), r => r.Status.ReadyReplicas == 2, "2 ready");
        Assert.Equal(0, rs.Status.AvailableReplicas);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5));
        Assert.Equal(0, (await cluster.GetAsync<ReplicaSet>("slow")).Status.AvailableReplicas);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(2));
        await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("slow"), r => r.Status.AvailableReplicas == 2, "2 available after 30 s");
    }

    [Fact]
    public async Task Finished_and_terminating_pods_do_not_count_and_get_replaced()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicaset"]);
        await cluster.StartNodesAsync(new HollowOptions { Nodes = 1, MaxGracePeriod = TimeSpan.FromHours(1) });
        var template = Template("fin", grace: 600);
        template.Spec!.NodeName = "hollow-0";
        await Sets(cluster).CreateAsync(ReplicaSet("fin", 2, "fin", template: template));
        var pods = await WaitForAsync(() => cluster.LivePodsAsync("app=fin"), p => p.Count == 2 && p.All(IsReady), "2 running");

        // One pod terminates slowly (a long grace period on a fake clock that does not move).
        await cluster.Pods.DeleteAsync("default", pods[0].Metadata.Name!);
        await WaitForAsync(() => cluster.LivePodsAsync("app=fin"), p => p.Count == 2 && p.All(x => x.Metadata.Uid != pods[0].Metadata.Uid), "a replacement");
        Assert.Equal(3, (await cluster.PodsAsync(labelSelector: "app=fin")).Count);
        var rs = await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("fin"), r => r.Status.ReadyReplicas == 2, "status of the 2 live pods");
        Assert.Equal(2, rs.Status.Replicas);
    }

    [Fact]
    public async Task A_pod_the_api_refuses_shows_as_ReplicaFailure_and_FailedCreate()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicaset"]);
        await Sets(cluster).CreateAsync(ReplicaSet("bad", 2, "bad", template: Template("bad", priorityClass: "no-such-class")));

        var rs = await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("bad"), r => r.Status.Conditions?.Any(c => c.Type == "ReplicaFailure") == true, "ReplicaFailure");
        var condition = Assert.Single(rs.Status.Conditions!);
        Assert.Equal(("True", "FailedCreate"), (condition.Status, condition.Reason));
        Assert.Contains("no-such-class", condition.Message);
        var failed = await WaitForAsync(() => cluster.EventsAsync("bad", "FailedCreate"), e => e.Count > 0, "FailedCreate event");
        Assert.StartsWith("Error creating: ", failed[0]);

        // Once pods can be created, the condition goes away.
        await cluster.Client.Resource<PriorityClass>().CreateAsync(new PriorityClass { Metadata = new ObjectMeta { Name = "no-such-class" }, Value = 10 });
        await WaitForAsync(() => cluster.GetAsync<ReplicaSet>("bad"), r => r.Status.Replicas == 2 && r.Status.Conditions is null, "2 replicas, no failure");
    }

    [Fact]
    public async Task A_replication_controller_keeps_its_replicas_too()
    {
        await using var cluster = await ControllerCluster.StartAsync(["replicationcontroller"], scheduler: true);
        await cluster.StartNodesAsync(new HollowOptions { Nodes = 1 });
        await cluster.Client.Resource<ReplicationController>().CreateAsync(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "legacy", Namespace = "default" },
            Spec = new ReplicationControllerSpec { Replicas = 2, Selector = new() { ["app"] = "legacy" }, Template = Template("legacy") },
        });
        var rc = await WaitForAsync(() => cluster.GetAsync<ReplicationController>("legacy"), r => r.Status is { Replicas: 2, ReadyReplicas: 2, AvailableReplicas: 2 }, "2 ready");
        var pods = await cluster.LivePodsAsync("app=legacy");
        Assert.All(pods, p => Assert.Equal(("v1", "ReplicationController", rc.Metadata.Uid), (p.Metadata.OwnerReferences![0].ApiVersion, p.Metadata.OwnerReferences[0].Kind, p.Metadata.OwnerReferences[0].Uid)));
    }
}
