using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Scheduler.Tests.Integration;

/// <summary>User-visible scheduling behaviour against a real API server: objects and events as kubectl would show them.</summary>
public sealed class SchedulingIntegrationTests
{
    private const string Zone = "topology.kubernetes.io/zone";

    [Fact]
    public async Task A_pod_selecting_a_missing_label_stays_pending_then_is_placed_when_the_label_appears()
    {
        await using var c = await SchedulerCluster.StartAsync();
        await c.AddNodesAsync(NodeBuilder.Named("n1"), NodeBuilder.Named("n2"));
        await c.CreateAsync(PodBuilder.Named("picky").NodeSelector("disk", "ssd"));

        var message = await c.WaitUnschedulableAsync("picky", "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..");
        await SchedulerCluster.EventuallyAsync(async () => (await c.EventsAsync("picky")).Any(e => e.Message == message), "FailedScheduling event");
        var failed = (await c.EventsAsync("picky")).Single(e => e.Message == message);
        Assert.Equal(("Warning", message, "default-scheduler"), (failed.Type, failed.Message, failed.Source?.Component));
        Assert.Equal("Pending", (await c.GetAsync("picky")).Status.Phase);

        await c.PatchNodeAsync("n2", """{"metadata":{"labels":{"disk":"ssd"}}}""");
        Assert.Equal("n2", await c.WaitBoundAsync("picky"));
        var pod = await c.GetAsync("picky");
        Assert.Contains(pod.Status.Conditions!, x => x is { Type: "PodScheduled", Status: "True" });
        await SchedulerCluster.EventuallyAsync(async () => (await c.EventsAsync("picky")).Any(e => e.Reason == "Scheduled"), "Scheduled event");
        var scheduled = (await c.EventsAsync("picky")).Single(e => e.Reason == "Scheduled");
        Assert.Equal(("Normal", "Successfully assigned default/picky to n2"), (scheduled.Type, scheduled.Message));
    }

    [Fact]
    public async Task Taints_keep_pods_away_unless_tolerated()
    {
        await using var c = await SchedulerCluster.StartAsync();
        await c.AddNodeAsync(NodeBuilder.Named("gpu").Taint("dedicated", "gpu", "NoSchedule"));
        await c.CreateAsync(PodBuilder.Named("plain"));
        await c.CreateAsync(PodBuilder.Named("tolerant").Toleration("dedicated", "Equal", "gpu", "NoSchedule"));
        Assert.Equal("gpu", await c.WaitBoundAsync("tolerant"));
        await c.WaitUnschedulableAsync("plain", "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. "
            + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..");
    }

    [Fact]
    public async Task Required_anti_affinity_spreads_replicas_one_per_node()
    {
        await using var c = await SchedulerCluster.StartAsync();
        // The message counts nodes: wait until the scheduler has seen all three before the pods come.
        await c.AddNodesAsync(NodeBuilder.Named("n1"), NodeBuilder.Named("n2"), NodeBuilder.Named("n3"));
        for (var i = 0; i < 4; i++)
            await c.CreateAsync(PodBuilder.Named($"web-{i}").Label("app", "web").PodAntiAffinity("kubernetes.io/hostname", "app", "web"));
        var placed = new List<string>();
        string? pending = null;
        await SchedulerCluster.EventuallyAsync(async () =>
        {
            var pods = (await c.Pods.ListAsync("default")).Items;
            placed = pods.Where(p => !string.IsNullOrEmpty(p.Spec.NodeName)).Select(p => p.Spec.NodeName!).ToList();
            pending = pods.Where(p => string.IsNullOrEmpty(p.Spec.NodeName))
                .Select(p => p.Status.Conditions?.FirstOrDefault(x => x.Type == "PodScheduled")?.Message).FirstOrDefault(m => m is not null);
            return placed.Count == 3 && pending is not null;
        }, "three placed, one pending");
        Assert.Equal(["n1", "n2", "n3"], placed.Order());
        Assert.Equal("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. "
            + "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..", pending);
    }

    [Fact]
    public async Task Topology_spread_balances_zones()
    {
        await using var c = await SchedulerCluster.StartAsync();
        await c.AddNodeAsync(NodeBuilder.Named("a1").Label(Zone, "a"));
        await c.AddNodeAsync(NodeBuilder.Named("a2").Label(Zone, "a"));
        await c.AddNodeAsync(NodeBuilder.Named("b1").Label(Zone, "b"));
        for (var i = 0; i < 6; i++)
        {
            await c.CreateAsync(PodBuilder.Named($"s-{i}").Label("app", "s").Spread(1, Zone, "DoNotSchedule", "app", "s"));
            await c.WaitBoundAsync($"s-{i}");
        }
        var pods = (await c.Pods.ListAsync("default")).Items;
        var zoneA = pods.Count(p => p.Spec.NodeName is "a1" or "a2");
        Assert.Equal((3, 3), (zoneA, pods.Count - zoneA));
    }

    [Fact]
    public async Task A_host_port_is_given_to_one_pod_per_node()
    {
        await using var c = await SchedulerCluster.StartAsync();
        await c.AddNodeAsync(NodeBuilder.Named("n1"));
        await c.AddNodeAsync(NodeBuilder.Named("n2"));
        var nodes = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await c.CreateAsync(PodBuilder.Named($"port-{i}").HostPort(8080));
            nodes.Add(await c.WaitBoundAsync($"port-{i}"));
        }
        Assert.Equal(["n1", "n2"], nodes.Order());
        await c.CreateAsync(PodBuilder.Named("port-2").HostPort(8080));
        await c.WaitUnschedulableAsync("port-2", "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports. "
            + "preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..");
        await c.CreateAsync(PodBuilder.Named("other-port").HostPort(8081));
        await c.WaitBoundAsync("other-port");
    }

    [Fact]
    public async Task A_higher_priority_pod_preempts_a_lower_one_which_is_deleted_gracefully()
    {
        await using var c = await SchedulerCluster.StartAsync();
        await c.AddNodeAsync(NodeBuilder.Named("n1").Capacity("2", "4Gi"));
        await c.PriorityClassAsync("low", 10);
        await c.PriorityClassAsync("high", 1000);
        await c.PriorityClassAsync("high-polite", 1000, "Never");
        await c.CreateAsync(PodBuilder.Named("low").PriorityClass("low").Requests("1500m"));
        await c.WaitBoundAsync("low");
        await c.CreateAsync(PodBuilder.Named("polite").PriorityClass("high-polite").Requests("1500m"));
        await c.WaitUnschedulableAsync("polite", "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..");
        Assert.Null((await c.GetAsync("low")).Metadata.DeletionTimestamp);
        await c.Pods.DeleteAsync("default", "polite");
        await c.CreateAsync(PodBuilder.Named("high").PriorityClass("high").Requests("1500m"));

        Pod low = null!;
        await SchedulerCluster.EventuallyAsync(async () => (low = await c.GetAsync("low")).Metadata.DeletionTimestamp is not null, "victim marked for deletion");
        Assert.Equal(30, low.Metadata.DeletionGracePeriodSeconds);
        var target = Assert.Single(low.Status.Conditions!, x => x.Type == "DisruptionTarget");
        Assert.Equal(("True", "PreemptionByScheduler", "default-scheduler: preempting to accommodate a higher priority pod"), (target.Status, target.Reason, target.Message));
        await SchedulerCluster.EventuallyAsync(async () => (await c.GetAsync("high")).Status.NominatedNodeName == "n1", "preemptor nominated to n1");
        Assert.True(string.IsNullOrEmpty((await c.GetAsync("high")).Spec.NodeName));
        Assert.Contains(await c.EventsAsync("low"), e => e.Reason == "Preempted" && e.Message!.StartsWith("Preempted by pod ", StringComparison.Ordinal));

        // Play the node agent: the victim's containers stopped, confirm the deletion.
        await c.Pods.DeleteAsync("default", "low", new DeleteOptions { GracePeriodSeconds = 0 });
        Assert.Equal("n1", await c.WaitBoundAsync("high"));
    }

    [Fact]
    public async Task Preemption_spares_pods_whose_disruption_budget_allows_no_disruption()
    {
        await using var c = await SchedulerCluster.StartAsync();
        await c.AddNodesAsync(NodeBuilder.Named("n1").Capacity("2", "4Gi"), NodeBuilder.Named("n2").Capacity("2", "4Gi"));
        await c.PriorityClassAsync("lowest", 5);
        await c.PriorityClassAsync("low", 10);
        await c.PriorityClassAsync("high", 1000);
        var budgets = c.Client.Resource<Api.Policy.PodDisruptionBudget>();
        var pdb = await budgets.CreateAsync(new Api.Policy.PodDisruptionBudget
        {
            ApiVersion = "policy/v1", Kind = "PodDisruptionBudget",
            Metadata = new() { Name = "keep-db", Namespace = "default" },
            Spec = new() { MinAvailable = Api.IntOrString.FromInt(1), Selector = new LabelSelector { MatchLabels = new() { ["app"] = "db" } } },
        });
        // Play the disruption controller: one healthy pod, one required, none may go.
        pdb.Status = new Api.Policy.PodDisruptionBudgetStatus { DisruptionsAllowed = 0, CurrentHealthy = 1, DesiredHealthy = 1, ExpectedPods = 1 };
        await budgets.UpdateStatusAsync(pdb);
        // Without the budget, db (the less important) would be the victim.
        await c.CreateAsync(PodBuilder.Named("db").Label("app", "db").PriorityClass("lowest").Requests("1500m").NodeSelector("kubernetes.io/hostname", "n1"));
        await c.CreateAsync(PodBuilder.Named("batch").Label("app", "batch").PriorityClass("low").Requests("1500m").NodeSelector("kubernetes.io/hostname", "n2"));
        await c.WaitBoundAsync("db");
        await c.WaitBoundAsync("batch");

        await c.CreateAsync(PodBuilder.Named("urgent").PriorityClass("high").Requests("1500m"));
        await SchedulerCluster.EventuallyAsync(async () => (await c.GetAsync("urgent")).Status.NominatedNodeName is { Length: > 0 }, "preemptor nominated");
        Assert.Equal("n2", (await c.GetAsync("urgent")).Status.NominatedNodeName);
        Assert.NotNull((await c.GetAsync("batch")).Metadata.DeletionTimestamp);
        Assert.Null((await c.GetAsync("db")).Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task A_second_profile_schedules_its_pods_under_its_own_name()
    {
        await using var c = await SchedulerCluster.StartAsync("""
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: default-scheduler
            - schedulerName: packer
              plugins:
                score:
                  disabled:
                  - name: NodeResourcesBalancedAllocation
                  - name: NodeResourcesFit
                  enabled:
                  - name: NodeResourcesFit
                    weight: 10
              pluginConfig:
              - name: NodeResourcesFit
                args:
                  scoringStrategy:
                    type: MostAllocated
            """);
        await c.AddNodeAsync(NodeBuilder.Named("busy").Capacity("4", "8Gi"));
        await c.AddNodeAsync(NodeBuilder.Named("idle").Capacity("4", "8Gi"));
        var filler = PodBuilder.Named("filler").Requests("2", "4Gi").Build();
        filler.Spec.NodeName = "busy";
        await c.CreateAsync(filler);
        await c.CreateAsync(PodBuilder.Named("packed").Scheduler("packer").Requests("1", "1Gi"));
        await c.CreateAsync(PodBuilder.Named("elsewhere").Scheduler("not-ours"));
        Assert.Equal("busy", await c.WaitBoundAsync("packed"));
        await SchedulerCluster.EventuallyAsync(async () => (await c.EventsAsync("packed")).Any(e => e.Reason == "Scheduled"), "Scheduled event");
        Assert.Equal("packer", (await c.EventsAsync("packed")).Single(e => e.Reason == "Scheduled").Source?.Component);
        Assert.True(string.IsNullOrEmpty((await c.GetAsync("elsewhere")).Spec.NodeName));
        Assert.Empty(await c.EventsAsync("elsewhere"));
    }

    [Fact]
    public async Task The_scheduler_holds_the_kube_scheduler_lease()
    {
        await using var c = await SchedulerCluster.StartAsync();
        await SchedulerCluster.EventuallyAsync(async () =>
        {
            try
            {
                var lease = await c.Client.Resource<Api.Coordination.Lease>().GetAsync("kube-system", "kube-scheduler");
                return lease.Spec.HolderIdentity == c.Scheduler!.Identity && c.Scheduler.IsActive;
            }
            catch (Client.ApiException e) when (e.IsNotFound)
            {
                return false;
            }
        }, "lease held and scheduling");
    }
}
