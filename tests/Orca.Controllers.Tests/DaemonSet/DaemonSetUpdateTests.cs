using Orca.Api;
using Orca.Api.Apps;
using static Orca.Controllers.Tests.DaemonSet.DaemonSetSupport;

namespace Orca.Controllers.Tests.DaemonSet;

/// <summary>
/// Template changes: RollingUpdate with maxUnavailable or maxSurge paced by minReadySeconds on the fake
/// clock, OnDelete, revision history. A template change never alters a running pod; replacements are new pods.
/// </summary>
public sealed class DaemonSetUpdateTests
{
    private static readonly TimeSpan MinReady = TimeSpan.FromSeconds(10);

    private static Action<Api.Apps.DaemonSet> Rolling(IntOrString maxUnavailable, IntOrString maxSurge) => ds =>
    {
        ds.Spec.MinReadySeconds = (int)MinReady.TotalSeconds;
        ds.Spec.UpdateStrategy = new DaemonSetUpdateStrategy
        {
            Type = "RollingUpdate",
            RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
        };
    };

    [Fact]
    public async Task Rolling_update_with_maxUnavailable_1_replaces_one_node_at_a_time()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(3, "n-"));
        await cluster.CreateAsync(New("agent", configure: Rolling(IntOrString.FromInt(1), IntOrString.FromInt(0))));
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames);
        await cluster.AdvanceAsync(MinReady, MinReady);
        await cluster.WaitForStatusAsync("agent", desired: 3, current: 3, ready: 3, updated: 3, available: 3);
        var before = (await cluster.LivePodsAsync("agent")).Select(p => p.Metadata.Uid).ToHashSet();

        await cluster.SetImageAsync("agent", "busybox:2");
        for (var replaced = 1; replaced <= 3; replaced++)
        {
            // One node at a time: the next old pod goes only after the new one has been ready for minReadySeconds.
            await ControllerCluster.EventuallyAsync(async () =>
            {
                var pods = await cluster.LivePodsAsync("agent");
                return pods.Count(p => ImageOf(p) == "busybox:2" && IsRunningReady(p)) == replaced && pods.Count(p => ImageOf(p) == "busybox:1") == 3 - replaced;
            }, $"{replaced} node(s) running the new image");
            await cluster.WaitForStatusAsync("agent", desired: 3, current: 3, ready: 3, updated: replaced, available: 3 - 1);
            Assert.Equal(3 - replaced, (await cluster.LivePodsAsync("agent")).Count(p => ImageOf(p) == "busybox:1"));
            await cluster.AdvanceAsync(MinReady, MinReady);
        }
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames, "busybox:2");
        await cluster.WaitForStatusAsync("agent", desired: 3, current: 3, ready: 3, updated: 3, available: 3);
        Assert.DoesNotContain(await cluster.LivePodsAsync("agent"), p => before.Contains(p.Metadata.Uid));

        var revisions = await cluster.RevisionsAsync("agent");
        Assert.Equal([1L, 2L], revisions.Select(r => r.Revision));
        var hash = revisions[1].Metadata.Labels![AppsLabels.ControllerRevisionHash];
        Assert.All(await cluster.LivePodsAsync("agent"), p => Assert.Equal(hash, p.Metadata.Labels![AppsLabels.ControllerRevisionHash]));
    }

    [Fact]
    public async Task Rolling_update_with_maxSurge_starts_the_new_pod_beside_the_old_one_before_deleting_it()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(2, "n-"));
        await cluster.CreateAsync(New("agent", configure: Rolling(IntOrString.FromInt(0), IntOrString.FromString("50%"))));
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames);
        await cluster.AdvanceAsync(MinReady, MinReady);
        await cluster.WaitForStatusAsync("agent", desired: 2, current: 2, ready: 2, updated: 2, available: 2);

        await cluster.SetImageAsync("agent", "busybox:2");
        var done = new HashSet<string>();
        foreach (var _ in sim.NodeNames)
        {
            // 50% of 2 nodes = 1 surge pod: one node at a time runs old and new side by side; every node keeps a pod.
            string? surging = null;
            await ControllerCluster.EventuallyAsync(async () =>
            {
                var byNode = (await cluster.LivePodsAsync("agent")).GroupBy(p => p.Spec.NodeName!).ToList();
                var pairs = byNode.Where(g => g.Count() == 2 && g.Any(p => ImageOf(p) == "busybox:2" && IsRunningReady(p)) && !done.Contains(g.Key)).ToList();
                surging = pairs.Count == 1 ? pairs[0].Key : null;
                return surging is not null && byNode.Where(g => done.Contains(g.Key)).All(g => g.Count() == 1 && ImageOf(g.First()) == "busybox:2");
            }, "the next node running an old and a ready new pod");
            var pods = await cluster.LivePodsAsync("agent");
            Assert.Equal(3, pods.Count);
            Assert.Equal(2, pods.Select(p => p.Spec.NodeName).Distinct().Count());
            done.Add(surging!);
            await cluster.AdvanceAsync(MinReady, MinReady);
        }
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames, "busybox:2");
        await cluster.WaitForStatusAsync("agent", desired: 2, current: 2, ready: 2, updated: 2, available: 2);
    }

    [Fact]
    public async Task OnDelete_keeps_old_pods_until_they_are_deleted_and_history_is_trimmed_to_the_limit()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(2, "n-"));
        await cluster.CreateAsync(New("agent", configure: ds =>
        {
            ds.Spec.UpdateStrategy = new DaemonSetUpdateStrategy { Type = "OnDelete" };
            ds.Spec.RevisionHistoryLimit = 1;
        }));
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames);

        await cluster.SetImageAsync("agent", "busybox:2");
        await ControllerCluster.EventuallyAsync(async () => (await cluster.RevisionsAsync("agent")).Count == 2, "a second revision");
        await cluster.WaitForStatusAsync("agent", desired: 2, current: 2, ready: 2, updated: 0, available: 2);
        Assert.All(await cluster.LivePodsAsync("agent"), p => Assert.Equal("busybox:1", ImageOf(p)));

        var deleted = (await cluster.LivePodsAsync("agent")).First();
        await cluster.Pods.DeleteAsync("default", deleted.Metadata.Name!);
        await ControllerCluster.EventuallyAsync(async () =>
        {
            var pods = await cluster.LivePodsAsync("agent");
            return pods.Count == 2 && pods.Where(p => p.Spec.NodeName == deleted.Spec.NodeName).ToList() is [var p] && ImageOf(p) == "busybox:2" && IsRunningReady(p);
        }, "the deleted pod replaced with the new template");
        await cluster.WaitForStatusAsync("agent", desired: 2, current: 2, ready: 2, updated: 1, available: 2);
        Assert.Contains(await cluster.LivePodsAsync("agent"), p => ImageOf(p) == "busybox:1");

        // A third template, and the busybox:2 pod replaced by hand: revision 1 is still run by a pod and stays;
        // revision 2 is run by none and goes (limit 1).
        await cluster.SetImageAsync("agent", "busybox:3");
        await ControllerCluster.EventuallyAsync(async () => (await cluster.RevisionsAsync("agent")).Count == 3, "a third revision");
        var second = (await cluster.LivePodsAsync("agent")).Single(p => ImageOf(p) == "busybox:2");
        await cluster.Pods.DeleteAsync("default", second.Metadata.Name!);
        await ControllerCluster.EventuallyAsync(async () =>
            (await cluster.RevisionsAsync("agent")).Select(r => r.Revision).SequenceEqual([1L, 3L]), "revision 2 trimmed, 1 and 3 kept");
        Assert.Equal(["busybox:1", "busybox:3"], (await cluster.LivePodsAsync("agent")).Select(ImageOf).Order());
    }

    [Fact]
    public async Task Going_back_to_an_old_template_renumbers_its_revision_instead_of_adding_one()
    {
        await using var cluster = await StartAsync();
        var sim = await cluster.StartNodesAsync(Nodes(1, "n-"));
        await cluster.CreateAsync(New("agent"));
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames);
        await cluster.SetImageAsync("agent", "busybox:2");
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames, "busybox:2");
        var first = (await cluster.RevisionsAsync("agent"))[0];

        await cluster.SetImageAsync("agent", "busybox:1");
        await cluster.WaitForPodsOnAsync("agent", sim.NodeNames, "busybox:1");
        await ControllerCluster.EventuallyAsync(async () =>
        {
            var revisions = await cluster.RevisionsAsync("agent");
            return revisions.Count == 2 && revisions[1].Metadata.Name == first.Metadata.Name && revisions[1].Revision == 3;
        }, "the first revision renumbered to 3");
    }
}
