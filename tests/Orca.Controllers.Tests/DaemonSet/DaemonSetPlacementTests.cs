using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Client;
using static Orca.Controllers.Tests.DaemonSet.DaemonSetSupport;

namespace Orca.Controllers.Tests.DaemonSet;

/// <summary>Where daemon pods go: every eligible node once (nodeSelector, affinity, taints), nodes coming and going, failed pods replaced.</summary>
public sealed class DaemonSetPlacementTests
{
    [Fact]
    public async Task Every_node_runs_one_pod_placed_by_node_affinity_with_the_daemon_tolerations_and_a_revision()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(3, "n-"));
        await cluster.CreateAsync(New("agent"));

        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames);
        await cluster.WaitForStatusAsync("agent", desired: 3, current: 3, ready: 3, updated: 3, available: 3);

        var revisions = await cluster.RevisionsAsync("agent");
        var revision = Assert.Single(revisions);
        Assert.Equal(1, revision.Revision);
        var hash = revision.Metadata.Labels![AppsLabels.ControllerRevisionHash];
        Assert.Equal("agent-" + hash, revision.Metadata.Name);
        Assert.Equal("replace", revision.Data!["spec"]!["template"]!["$patch"]!.GetValue<string>());
        foreach (var pod in await cluster.LivePodsAsync("agent"))
        {
            Assert.Equal(hash, pod.Metadata.Labels![AppsLabels.ControllerRevisionHash]);
            Assert.Equal("1", pod.Metadata.Labels["pod-template-generation"]);
            Assert.StartsWith("agent-", pod.Metadata.Name);
            var term = Assert.Single(pod.Spec.Affinity!.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms);
            var field = Assert.Single(term.MatchFields!);
            Assert.Equal(("metadata.name", "In", pod.Spec.NodeName), (field.Key, field.Operator, field.Values!.Single()));
            var tolerations = pod.Spec.Tolerations!.Select(t => $"{t.Key}:{t.Operator}:{t.Effect}:{t.TolerationSeconds}").ToList();
            Assert.Contains("node.kubernetes.io/not-ready:Exists:NoExecute:", tolerations);
            Assert.Contains("node.kubernetes.io/unreachable:Exists:NoExecute:", tolerations);
            Assert.Contains("node.kubernetes.io/disk-pressure:Exists:NoSchedule:", tolerations);
            Assert.Contains("node.kubernetes.io/memory-pressure:Exists:NoSchedule:", tolerations);
            Assert.Contains("node.kubernetes.io/pid-pressure:Exists:NoSchedule:", tolerations);
            Assert.Contains("node.kubernetes.io/unschedulable:Exists:NoSchedule:", tolerations);
            Assert.DoesNotContain(tolerations, t => t.StartsWith("node.kubernetes.io/network-unavailable", StringComparison.Ordinal));
        }
        await ControllerCluster.EventuallyAsync(async () =>
            (await cluster.EventsAsync("agent")).Count(e => e.Reason == "SuccessfulCreate" && e.Message.StartsWith("Created pod: agent-", StringComparison.Ordinal)) == 3,
            "three SuccessfulCreate events");
    }

    [Fact]
    public async Task Node_selector_and_required_affinity_pick_a_subset_of_nodes()
    {
        await using var cluster = await StartAsync();
        var ssd = await cluster.StartNodesAsync(Nodes(2, "ssd-", new() { ["disk"] = "ssd", ["zone"] = "a" }));
        var hdd = await cluster.StartNodesAsync(Nodes(2, "hdd-", new() { ["disk"] = "hdd", ["zone"] = "a" }));
        await cluster.CreateAsync(New("by-selector", configure: ds => ds.Spec.Template.Spec!.NodeSelector = new() { ["disk"] = "ssd" }));
        await cluster.CreateAsync(New("by-affinity", configure: ds => ds.Spec.Template.Spec!.Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "disk", Operator = "NotIn", Values = ["ssd"] }] }],
                },
            },
        }));

        await cluster.WaitForPodsOnAsync("by-selector", ssd.NodeNames);
        await cluster.WaitForPodsOnAsync("by-affinity", hdd.NodeNames);
        await cluster.WaitForStatusAsync("by-selector", desired: 2, current: 2, ready: 2, updated: 2, available: 2);

        // Relabelling a node moves the daemon pod: it leaves the node that stopped matching.
        await cluster.Nodes.PatchAsync(null, ssd.NodeNames[0], PatchType.Merge, """{"metadata":{"labels":{"disk":"hdd"}}}""");
        await cluster.WaitForPodsOnAsync("by-selector", [ssd.NodeNames[1]]);
        await cluster.WaitForPodsOnAsync("by-affinity", [.. hdd.NodeNames, ssd.NodeNames[0]]);
        await cluster.WaitForStatusAsync("by-selector", desired: 1, current: 1, ready: 1, updated: 1, available: 1);
    }

    [Fact]
    public async Task A_tainted_node_is_skipped_unless_tolerated_and_a_NoSchedule_taint_added_later_leaves_the_pod_misscheduled()
    {
        await using var cluster = await StartAsync();
        var plain = await cluster.StartNodesAsync(Nodes(2, "plain-"));
        var tainted = await cluster.StartNodesAsync(Nodes(1, "gpu-", taints: [new Taint { Key = "gpu", Value = "yes", Effect = TaintEffect.NoSchedule }]));
        await cluster.CreateAsync(New("plain"));
        await cluster.CreateAsync(New("tolerant", configure: ds => ds.Spec.Template.Spec!.Tolerations = [new Toleration { Key = "gpu", Operator = "Equal", Value = "yes", Effect = TaintEffect.NoSchedule }]));

        await cluster.WaitForPodsOnAsync("plain", plain.NodeNames);
        await cluster.WaitForPodsOnAsync("tolerant", [.. plain.NodeNames, .. tainted.NodeNames]);
        await cluster.WaitForStatusAsync("plain", desired: 2, current: 2, ready: 2, updated: 2, available: 2);

        // NoSchedule: the running pod may stay, but the node no longer wants one (misscheduled).
        var node = plain.NodeNames[0];
        await cluster.Nodes.PatchAsync(null, node, PatchType.Merge, """{"spec":{"taints":[{"key":"maintenance","effect":"NoSchedule"}]}}""");
        await cluster.WaitForStatusAsync("plain", desired: 1, current: 1, ready: 1, updated: 1, available: 1, misscheduled: 1);
        Assert.Equal(2, (await cluster.LivePodsAsync("plain")).Count);

        // NoExecute: the pod goes.
        await cluster.Nodes.PatchAsync(null, node, PatchType.Merge, """{"spec":{"taints":[{"key":"maintenance","effect":"NoExecute"}]}}""");
        await cluster.WaitForPodsOnAsync("plain", [plain.NodeNames[1]]);
        await cluster.WaitForStatusAsync("plain", desired: 1, current: 1, ready: 1, updated: 1, available: 1);
    }

    [Fact]
    public async Task A_lost_node_tainted_unreachable_and_not_ready_keeps_its_daemon_pod_and_cordoned_nodes_get_one()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(2, "n-"));
        await cluster.CreateAsync(New("agent"));
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames);
        var before = (await cluster.LivePodsAsync("agent")).Select(p => p.Metadata.Uid).Order().ToList();

        // What the node lifecycle controller does to a silent node, and what cordoning does.
        await cluster.Nodes.PatchAsync(null, sim.NodeNames[0], PatchType.Merge, """
            {"spec":{"taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoExecute"},{"key":"node.kubernetes.io/not-ready","effect":"NoExecute"}]}}
            """);
        await cluster.Nodes.PatchAsync(null, sim.NodeNames[1], PatchType.Merge, """
            {"spec":{"unschedulable":true,"taints":[{"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule"}]}}
            """);
        var third = await cluster.StartNodesAsync(Nodes(1, "late-", taints: [new Taint { Key = "node.kubernetes.io/unschedulable", Effect = TaintEffect.NoSchedule }]));

        await cluster.WaitForPodsOnAsync("agent", [.. sim.NodeNames, .. third.NodeNames]);
        await cluster.WaitForStatusAsync("agent", desired: 3, current: 3, ready: 3, updated: 3, available: 3);
        Assert.Equal(before, (await cluster.LivePodsAsync("agent")).Where(p => p.Spec.NodeName != third.NodeNames[0]).Select(p => p.Metadata.Uid).Order().ToList());
    }

    [Fact]
    public async Task A_node_added_gets_a_pod_and_a_node_deleted_loses_its_pod()
    {
        await using var cluster = await StartAsync();
        var first = await cluster.StartNodesAsync(Nodes(2, "a-"));
        await cluster.CreateAsync(New("agent"));
        await cluster.WaitForPodsOnAsync("agent", first.NodeNames);

        var second = await cluster.StartNodesAsync(Nodes(1, "b-"));
        await cluster.WaitForPodsOnAsync("agent", [.. first.NodeNames, .. second.NodeNames]);
        await cluster.WaitForStatusAsync("agent", desired: 3, current: 3, ready: 3, updated: 3, available: 3);

        var gone = first.NodeNames[0];
        first.StopHeartbeat(gone);
        await cluster.Nodes.DeleteAsync(null, gone);
        await cluster.WaitForPodsOnAsync("agent", [first.NodeNames[1], .. second.NodeNames]);
        await cluster.WaitForStatusAsync("agent", desired: 2, current: 2, ready: 2, updated: 2, available: 2);
        Assert.DoesNotContain(await cluster.PodsAsync(labelSelector: "app=agent"), p => p.Spec.NodeName == gone);
    }

    [Fact]
    public async Task A_failed_daemon_pod_is_deleted_and_replaced_by_a_new_pod()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(2, "n-"));
        await cluster.CreateAsync(New("agent"));
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames);

        var victim = (await cluster.LivePodsAsync("agent")).First();
        await cluster.Pods.PatchAsync("default", victim.Metadata.Name!, PatchType.Merge,
            """{"status":{"phase":"Failed","reason":"Evicted","conditions":[{"type":"Ready","status":"False"}]}}""", subresource: "status");

        await ControllerCluster.EventuallyAsync(async () =>
        {
            var pods = await cluster.LivePodsAsync("agent");
            return pods.Count == 2 && pods.All(p => p.Metadata.Uid != victim.Metadata.Uid && IsRunningReady(p));
        }, "the failed pod replaced by a new one");
        Assert.Contains(await cluster.PodsAsync(labelSelector: "app=agent"), p => p.Spec.NodeName == victim.Spec.NodeName);
        await ControllerCluster.EventuallyAsync(async () => (await cluster.EventsAsync("agent")).Any(e => e.Reason == "FailedDaemonPod"
            && e.Message == $"Found failed daemon pod default/{victim.Metadata.Name} on node {victim.Spec.NodeName}, will try to kill it"), "a FailedDaemonPod event");
        await ControllerCluster.EventuallyAsync(async () => (await cluster.EventsAsync("agent")).Contains(("SuccessfulDelete", $"Deleted pod: {victim.Metadata.Name}")), "a SuccessfulDelete event");
    }

    [Fact]
    public async Task An_orphan_pod_matching_the_selector_is_adopted_and_kept_under_OnDelete()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(1, "n-"));
        var orphan = new Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new() { Name = "stray", Namespace = "default", Labels = new() { ["app"] = "agent" } },
            Spec = new PodSpec { NodeName = sim.NodeNames[0], Containers = [new Container { Name = "main", Image = "busybox:1" }] },
        };
        await cluster.Pods.CreateAsync(orphan);
        var ds = await cluster.CreateAsync(New("agent", configure: d => d.Spec.UpdateStrategy = new DaemonSetUpdateStrategy { Type = "OnDelete" }));

        await ControllerCluster.EventuallyAsync(async () =>
        {
            var pod = await cluster.Pods.GetAsync("default", "stray");
            return pod.Metadata.OwnerReferences?.SingleOrDefault(r => r.Controller == true)?.Uid == ds.Metadata.Uid;
        }, "the stray pod adopted");
        await cluster.WaitForStatusAsync("agent", desired: 1, current: 1, ready: 1, updated: 0, available: 1);
        Assert.Single(await cluster.LivePodsAsync("agent"));
    }
}
