using Orca.Api.Coordination;
using NodeObject = Orca.Api.Core.Node;

namespace Orca.Agent.Tests;

public sealed class NodeRegistrationTests
{
    [Fact]
    public async Task Node_registers_with_capacity_addresses_info_and_ready_conditions()
    {
        await using var h = await AgentHarness.StartAsync();
        var node = await h.Client.Resource<NodeObject>().GetAsync(null, AgentHarness.Node);

        Assert.Equal(Environment.ProcessorCount, node.Status.Capacity!["cpu"].Value());
        Assert.Equal(110, node.Status.Capacity["pods"].Value());
        Assert.True(node.Status.Capacity["memory"].Value() > 0);
        Assert.Equal(node.Status.Capacity["cpu"], node.Status.Allocatable!["cpu"]);
        Assert.Contains(node.Status.Addresses!, a => a.Type == "InternalIP" && a.Address.Length > 0);
        Assert.Contains(node.Status.Addresses!, a => a.Type == "Hostname" && a.Address == AgentHarness.Node);
        Assert.Equal("fake://0.1.0", node.Status.NodeInfo!.ContainerRuntimeVersion);
        Assert.Equal("v1.32.0-orca", node.Status.NodeInfo.KubeletVersion);
        Assert.Equal("linux", node.Status.NodeInfo.OperatingSystem);
        Assert.Equal(10250, node.Status.DaemonEndpoints!.KubeletEndpoint!.Port);
        var ready = Assert.Single(node.Status.Conditions!, c => c.Type == "Ready");
        Assert.Equal(("True", "KubeletReady", "kubelet is posting ready status"), (ready.Status, ready.Reason, ready.Message));
        Assert.Contains(node.Status.Conditions!, c => c.Type == "MemoryPressure" && c.Status == "False" && c.Reason == "KubeletHasSufficientMemory");
        Assert.Contains(node.Status.Conditions!, c => c.Type == "DiskPressure" && c.Status == "False" && c.Reason == "KubeletHasNoDiskPressure");
        Assert.Contains(node.Status.Conditions!, c => c.Type == "PIDPressure" && c.Status == "False" && c.Reason == "KubeletHasSufficientPID");
    }

    [Fact]
    public async Task Lease_is_created_owned_by_the_node_and_renewed_on_the_clock()
    {
        await using var h = await AgentHarness.StartAsync();
        var leases = h.Client.Resource<Lease>();
        var node = await h.Client.Resource<NodeObject>().GetAsync(null, AgentHarness.Node);
        var first = await leases.GetAsync("kube-node-lease", AgentHarness.Node);
        Assert.Equal(AgentHarness.Node, first.Spec.HolderIdentity);
        Assert.Equal(40, first.Spec.LeaseDurationSeconds);
        var owner = Assert.Single(first.Metadata.OwnerReferences!);
        Assert.Equal(("Node", node.Metadata.Uid), (owner.Kind, owner.Uid));

        // The renew loop may not have armed its timer yet when the clock first moves: keep moving it in
        // renew-interval steps until a renewal shows; every renewal must land on the interval.
        await h.EventuallyAsync(async () =>
        {
            if ((await leases.GetAsync("kube-node-lease", AgentHarness.Node)).Spec.RenewTime > first.Spec.RenewTime) return true;
            h.Clock.Advance(TimeSpan.FromSeconds(10));
            return false;
        }, "lease renewed", tick: TimeSpan.Zero); // only the 10 s steps move the clock
        var renewed = await leases.GetAsync("kube-node-lease", AgentHarness.Node);
        var elapsed = renewed.Spec.RenewTime!.Value - first.Spec.RenewTime!.Value;
        Assert.True(elapsed > TimeSpan.Zero && elapsed.Ticks % TimeSpan.FromSeconds(10).Ticks == 0, $"renewed after {elapsed}");
    }

    [Fact]
    public async Task Node_status_is_written_only_when_changed_unless_forced()
    {
        await using var h = await AgentHarness.StartAsync();
        var changing = "10.0.0.1";
        var manager = new Node.NodeStatusManager(h.Client, AgentHarness.Node,
            [Node.NodeStatusSetters.Addresses(() => changing, () => AgentHarness.Node), Node.NodeStatusSetters.Conditions(h.Clock.GetUtcNow, () => null)],
            new AgentOptions(), h.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.True(await manager.UpdateAsync(force: false, CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(await manager.UpdateAsync(force: false, CancellationToken.None));
        Assert.True(await manager.UpdateAsync(force: true, CancellationToken.None));
        changing = "10.0.0.2";
        Assert.True(await manager.UpdateAsync(force: false, CancellationToken.None));
        var node = await h.Client.Resource<NodeObject>().GetAsync(null, AgentHarness.Node);
        Assert.Contains(node.Status.Addresses!, a => a.Address == "10.0.0.2");
    }

    [Fact]
    public async Task Node_status_heartbeat_is_written_after_the_report_period()
    {
        await using var h = await AgentHarness.StartAsync();
        var nodes = h.Client.Resource<NodeObject>();
        var heartbeat = (await nodes.GetAsync(null, AgentHarness.Node)).Status.Conditions!.Single(c => c.Type == "Ready").LastHeartbeatTime;

        await h.EventuallyAsync(async () => (await nodes.GetAsync(null, AgentHarness.Node)).Status.Conditions!.Single(c => c.Type == "Ready").LastHeartbeatTime > heartbeat,
            "heartbeat after 5 min", tick: TimeSpan.FromSeconds(10));
        var after = (await nodes.GetAsync(null, AgentHarness.Node)).Status.Conditions!.Single(c => c.Type == "Ready");
        Assert.True(after.LastHeartbeatTime - heartbeat >= TimeSpan.FromMinutes(5));
    }
}
