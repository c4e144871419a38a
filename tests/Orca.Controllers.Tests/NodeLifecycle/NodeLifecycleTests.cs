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
}
