using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Sim;
using static Orca.Controllers.Tests.NodeLifecycle.NodeSupport;

namespace Orca.Controllers.Tests.NodeLifecycle;

/// <summary>Node failure with hollow nodes on the fake clock: conditions, taints, pods marked not ready, eviction.</summary>
public sealed class NodeLifecycleTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_silent_node_goes_Unknown_after_the_grace_period_and_recovers_when_it_reports_again()
    {
        await using var c = await ControllerCluster.StartAsync(LifecycleControllers);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 2 });
        var (lost, healthy) = (sim.NodeNames[0], sim.NodeNames[1]);
        await c.RunPodAsync("web", lost, Unreachable(null));

        sim.StopHeartbeat(lost);
        await c.AdvanceAsync(TimeSpan.FromSeconds(25), Step);
        Assert.Equal("True", Condition(await c.NodeAsync(lost), "Ready")!.Status);

        await c.AdvanceAsync(TimeSpan.FromSeconds(25), Step);
        await ControllerCluster.EventuallyAsync(async () => Condition(await c.NodeAsync(lost), "Ready")!.Status == "Unknown", "Ready=Unknown");
        var node = await c.NodeAsync(lost);
        var ready = Condition(node, "Ready")!;
        Assert.Equal("NodeStatusUnknown", ready.Reason);
        Assert.Equal("Kubelet stopped posting node status.", ready.Message);
        Assert.Equal("Unknown", Condition(node, "MemoryPressure")!.Status);
        await ControllerCluster.EventuallyAsync(async () =>
        {
            var n = await c.NodeAsync(lost);
            return HasTaint(n, "node.kubernetes.io/unreachable", "NoExecute") && HasTaint(n, "node.kubernetes.io/unreachable", "NoSchedule");
        }, "the unreachable taints");
        await ControllerCluster.EventuallyAsync(async () => ReadyOf(await c.Pods.GetAsync("default", "web")) == "False", "the pod on the lost node to read Ready=False");
        Assert.Null((await c.NodeAsync(healthy)).Spec.Taints);

        sim.StartHeartbeat(lost);
        await c.AdvanceAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        await ControllerCluster.EventuallyAsync(async () =>
        {
            var n = await c.NodeAsync(lost);
            return Condition(n, "Ready")!.Status == "True" && n.Spec.Taints is null or { Count: 0 };
        }, "the node Ready again without taints");
    }

    [Fact]
    public async Task Pods_are_evicted_from_a_lost_node_when_their_toleration_runs_out()
    {
        await using var c = await ControllerCluster.StartAsync(LifecycleControllers);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 1 });
        var lost = sim.NodeNames[0];
        await c.RunPodAsync("at-once", lost, Unreachable(0));
        await c.RunPodAsync("default-300", lost);
        await c.RunPodAsync("one-minute", lost, Unreachable(60));
        await c.RunPodAsync("forever", lost, Unreachable(null));
        var admitted = await c.Pods.GetAsync("default", "default-300");
        Assert.Contains(admitted.Spec.Tolerations!, t => t.Key == "node.kubernetes.io/unreachable" && t.TolerationSeconds == 300);

        sim.StopHeartbeat(lost);
        await c.AdvanceAsync(TimeSpan.FromSeconds(50), Step);
        await ControllerCluster.EventuallyAsync(async () => await c.LivePodAsync("at-once") is null, "the pod tolerating 0 s to be evicted");
        Assert.NotNull(await c.LivePodAsync("one-minute"));

        await c.AdvanceAsync(TimeSpan.FromSeconds(65), Step);
        await ControllerCluster.EventuallyAsync(async () => await c.LivePodAsync("one-minute") is null, "the pod tolerating 60 s to be evicted");
        Assert.NotNull(await c.LivePodAsync("default-300"));

        await c.AdvanceAsync(TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(10));
        Assert.NotNull(await c.LivePodAsync("default-300"));
        await c.AdvanceAsync(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(10));
        await ControllerCluster.EventuallyAsync(async () => await c.LivePodAsync("default-300") is null, "the pod with the default 300 s toleration to be evicted");
        Assert.NotNull(await c.LivePodAsync("forever"));
    }

    [Fact]
    public async Task A_node_back_before_the_toleration_runs_out_keeps_its_pods()
    {
        await using var c = await ControllerCluster.StartAsync(LifecycleControllers);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 1 });
        var node = sim.NodeNames[0];
        await c.RunPodAsync("web", node, Unreachable(120));

        sim.StopHeartbeat(node);
        await c.AdvanceAsync(TimeSpan.FromSeconds(60), Step);
        await ControllerCluster.EventuallyAsync(async () => HasTaint(await c.NodeAsync(node), "node.kubernetes.io/unreachable", "NoExecute"), "the unreachable taint");
        sim.StartHeartbeat(node);
        await ControllerCluster.EventuallyAsync(async () => !HasTaint(await c.NodeAsync(node), "node.kubernetes.io/unreachable", "NoExecute"), "the taint to go");
        await c.AdvanceAsync(TimeSpan.FromSeconds(200), TimeSpan.FromSeconds(10));
        Assert.NotNull(await c.LivePodAsync("web"));
    }

    [Fact]
    public async Task A_replica_set_replaces_the_pods_evicted_from_a_lost_node_on_a_healthy_node()
    {
        await using var c = await ControllerCluster.StartAsync(["replicaset", .. LifecycleControllers], scheduler: true);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 2 });
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        await c.Client.Resource<ReplicaSet>().CreateAsync(new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicaSetSpec
            {
                Replicas = 6,
                Selector = new LabelSelector { MatchLabels = labels },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = labels },
                    Spec = new PodSpec { Tolerations = [Unreachable(30)], Containers = [new Container { Name = "c", Image = "busybox" }] },
                },
            },
        });
        await ControllerCluster.EventuallyAsync(async () => (await c.PodsAsync()).Count(p => ReadyOf(p) == "True") == 6, "6 ready replicas");
        var pods = await c.PodsAsync();
        var lost = pods.GroupBy(p => p.Spec.NodeName).OrderByDescending(g => g.Count()).First().Key!;
        var healthy = sim.NodeNames.Single(n => n != lost);
        var doomed = pods.Where(p => p.Spec.NodeName == lost).Select(p => p.Metadata.Uid).ToHashSet();

        sim.StopHeartbeat(lost);
        await c.AdvanceAsync(TimeSpan.FromSeconds(50), Step);
        await ControllerCluster.EventuallyAsync(async () => HasTaint(await c.NodeAsync(lost), "node.kubernetes.io/unreachable", "NoExecute"), "the unreachable taint");
        Assert.All((await c.PodsAsync()).Where(p => doomed.Contains(p.Metadata.Uid)), p => Assert.Null(p.Metadata.DeletionTimestamp));
        await c.AdvanceAsync(TimeSpan.FromSeconds(35), Step);

        await ControllerCluster.EventuallyAsync(async () =>
        {
            var now = await c.PodsAsync();
            return now.Count(p => p.Spec.NodeName == healthy && p.Metadata.DeletionTimestamp is null && ReadyOf(p) == "True") == 6;
        }, "6 ready replicas on the healthy node", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(await c.PodsAsync(), p => p.Metadata.DeletionTimestamp is null && doomed.Contains(p.Metadata.Uid));
    }
}
