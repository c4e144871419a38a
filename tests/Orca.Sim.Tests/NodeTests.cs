using Orca.Api;
using Orca.Api.Core;

namespace Orca.Sim.Tests;

/// <summary>Hollow nodes as the API shows them: registered Ready, heartbeating through Leases, stoppable.</summary>
public sealed class NodeTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Nodes_register_ready_with_capacity_labels_taints_and_a_lease()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions
        {
            Nodes = 3, NamePrefix = "hn-", Cpu = Quantity.FromValue(8), Memory = Quantity.Parse("64Gi"), MaxPods = 50,
            Labels = HollowOptions.ParseLabels("zone=z1,tier=gpu"), Taints = HollowOptions.ParseTaints("dedicated=gpu:NoSchedule,spot:NoExecute"),
        });

        Assert.Equal(["hn-0", "hn-1", "hn-2"], sim.NodeNames);
        var nodes = (await h.Nodes.ListAsync(null)).Items.OrderBy(n => n.Metadata.Name).ToList();
        Assert.Equal(["hn-0", "hn-1", "hn-2"], nodes.Select(n => n.Metadata.Name));
        var node = nodes[1];
        Assert.Equal("True", node.Status.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.All(node.Status.Conditions!.Where(c => c.Type != "Ready"), c => Assert.Equal("False", c.Status));
        Assert.Equal("8", node.Status.Capacity!["cpu"].ToString());
        Assert.Equal("64Gi", node.Status.Allocatable!["memory"].ToString());
        Assert.Equal("50", node.Status.Allocatable!["pods"].ToString());
        Assert.Equal("hn-1", node.Metadata.Labels!["kubernetes.io/hostname"]);
        Assert.Equal("z1", node.Metadata.Labels!["zone"]);
        Assert.Equal("gpu", node.Metadata.Labels!["tier"]);
        Assert.Equal(
            [("dedicated", "gpu", "NoSchedule"), ("spot", (string?)null, "NoExecute")],
            node.Spec.Taints!.Select(t => (t.Key, t.Value, t.Effect)));
        Assert.Equal("10.128.1.0/24", node.Spec.PodCIDR);
        Assert.Equal("127.192.0.2", node.Status.Addresses!.Single(a => a.Type == "InternalIP").Address);
        Assert.Equal("linux", node.Status.NodeInfo!.OperatingSystem);
        Assert.NotEqual(nodes[0].Status.NodeInfo!.SystemUUID, node.Status.NodeInfo!.SystemUUID);

        var lease = await h.LeaseAsync("hn-1");
        Assert.Equal("hn-1", lease.Spec.HolderIdentity);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
        Assert.Equal(h.Clock.GetUtcNow(), lease.Spec.RenewTime);
        var owner = Assert.Single(lease.Metadata.OwnerReferences!);
        Assert.Equal(("Node", "hn-1", node.Metadata.Uid), (owner.Kind, owner.Name, owner.Uid));
        Assert.Equal(3, sim.Stats().Registered);
    }

    [Fact]
    public async Task Lease_renewals_are_spread_over_the_interval_and_repeat_every_interval()
    {
        await using var h = await SimHarness.StartAsync();
        var start = h.Clock.GetUtcNow();
        await h.StartSimAsync(new HollowOptions { Nodes = 4, NamePrefix = "hb-", HeartbeatInterval = Interval });

        // Node i renews first at start + interval + i/4 of the interval, then every interval: the clock stops
        // at each half second and waits until every lease shows exactly the renewal due by then.
        var first = Enumerable.Range(0, 4).Select(i => Interval + Interval * i / 4).ToArray();
        await StepAsync(h, start, Interval * 2.5, ["hb-0", "hb-1", "hb-2", "hb-3"], (i, elapsed) =>
            elapsed < first[i] ? start : start + first[i] + Interval * Math.Floor((elapsed - first[i]) / Interval));
        Assert.Equal(start + Interval * 2.25, await RenewedAsync(h, "hb-1"));
        Assert.Equal(start + Interval * 1.75, await RenewedAsync(h, "hb-3"));
    }

    [Fact]
    public async Task A_stopped_heartbeat_leaves_the_lease_to_expire_and_a_restarted_one_renews_at_once()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 2, NamePrefix = "hs-", HeartbeatInterval = Interval });
        var start = h.Clock.GetUtcNow();

        sim.StopHeartbeat("hs-0");
        Assert.False(sim.IsHeartbeating("hs-0"));
        // hs-1 (phase: half an interval) keeps renewing; hs-0 stays at its registration.
        await StepAsync(h, start, Interval * 5, ["hs-0", "hs-1"], (i, elapsed) =>
            i == 0 || elapsed < Interval * 1.5 ? start : start + Interval * 1.5 + Interval * Math.Floor((elapsed - Interval * 1.5) / Interval));
        Assert.Equal(start + Interval * 4.5, await RenewedAsync(h, "hs-1"));
        Assert.Equal(1, sim.Stats().Heartbeating);

        var resumed = h.Clock.GetUtcNow();
        sim.StartHeartbeat("hs-0");
        await SimHarness.EventuallyAsync(async () => await RenewedAsync(h, "hs-0") == resumed, "hs-0 renews as soon as its heartbeat starts");
        var ready = (await h.Nodes.GetAsync(null, "hs-0")).Status.Conditions!.Single(c => c.Type == "Ready");
        Assert.Equal(("True", resumed), (ready.Status, ready.LastHeartbeatTime));
        Assert.Equal(resumed, ready.LastTransitionTime);
        Assert.Throws<ArgumentException>(() => sim.StopHeartbeat("no-such-node"));
    }

    /// <summary>
    /// Moves the clock in half-second steps up to <paramref name="until"/> after <paramref name="start"/>; after each
    /// step waits until every node's lease shows the renewal time <paramref name="expected"/>(index, elapsed) gives.
    /// </summary>
    private static async Task StepAsync(SimHarness h, DateTimeOffset start, TimeSpan until, string[] nodes, Func<int, TimeSpan, DateTimeOffset> expected)
    {
        while (h.Clock.GetUtcNow() - start < until)
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(500));
            var elapsed = h.Clock.GetUtcNow() - start;
            for (var i = 0; i < nodes.Length; i++)
            {
                var (node, want) = (nodes[i], expected(i, elapsed));
                DateTimeOffset? seen = null;
                try
                {
                    await SimHarness.EventuallyAsync(async () => (seen = await RenewedAsync(h, node)) == want, "");
                }
                catch (Xunit.Sdk.FailException)
                {
                    Assert.Fail($"{node} should show the renewal at {want - start} when {elapsed} passed, shows {seen - start}; sim log:\n{h.Logs}");
                }
            }
        }
    }

    [Fact]
    public async Task A_deleted_lease_is_created_again_at_the_next_renewal()
    {
        await using var h = await SimHarness.StartAsync();
        await h.StartSimAsync(new HollowOptions { Nodes = 1, NamePrefix = "hl-", HeartbeatInterval = Interval });
        await h.Leases.DeleteAsync("kube-node-lease", "hl-0");

        await h.AdvanceAsync(Interval * 2, TimeSpan.FromSeconds(1));
        await SimHarness.EventuallyAsync(async () =>
        {
            try
            {
                return (await h.LeaseAsync("hl-0")).Spec.HolderIdentity == "hl-0";
            }
            catch (Orca.Client.ApiException e) when (e.IsNotFound)
            {
                h.Clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            }
        }, "the lease to exist again");
    }

    [Fact]
    public async Task A_second_sim_takes_over_registered_nodes()
    {
        await using var h = await SimHarness.StartAsync();
        var options = new HollowOptions { Nodes = 2, NamePrefix = "hr-" };
        var first = await h.StartSimAsync(options);
        var uid = (await h.Nodes.GetAsync(null, "hr-0")).Metadata.Uid;
        await h.StopSimAsync(first);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await h.StartSimAsync(options with { MaxPods = 20 });
        Assert.Equal(2, second.Stats().Registered);
        var node = await h.Nodes.GetAsync(null, "hr-0");
        Assert.Equal(uid, node.Metadata.Uid);
        Assert.Equal("20", node.Status.Capacity!["pods"].ToString());
        Assert.Equal(h.Clock.GetUtcNow(), node.Status.Conditions!.Single(c => c.Type == "Ready").LastHeartbeatTime);
        Assert.Equal(h.Clock.GetUtcNow(), (await h.LeaseAsync("hr-0")).Spec.RenewTime);
    }

    private static async Task<DateTimeOffset?> RenewedAsync(SimHarness h, string node) => (await h.LeaseAsync(node)).Spec.RenewTime;
}
