using Orca.Api.Apps;
using Orca.Client;
using static Orca.Controllers.Tests.StatefulSets.StatefulSetSupport;

namespace Orca.Controllers.Tests.StatefulSets;

/// <summary>RollingUpdate with partition and maxUnavailable, OnDelete, ControllerRevisions and rollback.</summary>
public sealed class StatefulSetUpdateTests
{
    private static async Task<Dictionary<string, string>> ImagesAsync(ControllerCluster c, string set) =>
        (await c.PodsAsync(labelSelector: "app=" + set)).Where(p => p.Metadata.DeletionTimestamp is null)
            .ToDictionary(p => p.Metadata.Name!, p => p.Spec.Containers[0].Image!);

    private static Task SetImageAsync(ControllerCluster c, string set, string image) =>
        c.Sets().PatchAsync("default", set, PatchType.StrategicMerge, """{"spec":{"template":{"spec":{"containers":[{"name":"main","image":""" + "\"" + image + "\"" + """}]}}}}""");

    [Fact]
    public async Task Rolling_update_with_a_partition_updates_only_the_ordinals_at_or_above_it_in_reverse_order()
    {
        await using var cluster = await StartAsync();
        var set = NewSet("web", 3);
        set.Spec.UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new RollingUpdateStatefulSetStrategy { Partition = 1 } };
        await cluster.Sets().CreateAsync(set);
        await WaitReadyAsync(cluster, "web", 3);
        await using var log = await PodLog.StartAsync(cluster, "web");

        await SetImageAsync(cluster, "web", "busybox:2");
        await ControllerCluster.EventuallyAsync(async () =>
        {
            var images = await ImagesAsync(cluster, "web");
            return images.Count == 3 && images["web-2"] == "busybox:2" && images["web-1"] == "busybox:2";
        }, "web-2 and web-1 on the new image");
        await WaitReadyAsync(cluster, "web", 3);
        Assert.Equal("busybox:1", (await ImagesAsync(cluster, "web"))["web-0"]);
        var web2Goes = log.First(e => e.Name == "web-2" && (e.Deleting || e.Kind == "delete"));
        var web1Goes = log.First(e => e.Name == "web-1" && (e.Deleting || e.Kind == "delete"));
        Assert.True(web2Goes >= 0 && web2Goes < web1Goes, $"web-2 goes before web-1: {string.Join(", ", log.Entries)}");
        Assert.Equal(-1, log.First(e => e.Name == "web-0" && (e.Deleting || e.Kind == "delete")));
        await WaitStatusAsync(cluster, "web", s => s is { UpdatedReplicas: 2, CurrentReplicas: 1 } && s.CurrentRevision != s.UpdateRevision,
            "2 updated, 1 current, revisions differ");
        var revisions = await cluster.Client.Resource<ControllerRevision>().ListAsync("default");
        Assert.Equal([1L, 2L], revisions.Items.Select(r => r.Revision).Order());

        await cluster.Sets().PatchAsync("default", "web", PatchType.Merge, """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}""");
        await ControllerCluster.EventuallyAsync(async () => (await ImagesAsync(cluster, "web")).Values.All(i => i == "busybox:2")
            && (await ImagesAsync(cluster, "web")).Count == 3, "every pod on the new image");
        await WaitStatusAsync(cluster, "web", s => s is { UpdatedReplicas: 3, CurrentReplicas: 3, ReadyReplicas: 3 } && s.CurrentRevision == s.UpdateRevision,
            "the rollout complete: current revision is the update revision");
    }

    [Fact]
    public async Task Rolling_update_waits_for_an_unready_pod_before_taking_down_the_next()
    {
        await using var cluster = await StartAsync();
        await cluster.Sets().CreateAsync(NewSet("web", 2));
        await WaitReadyAsync(cluster, "web", 2);
        await PatchPodStatusAsync(cluster, "web-0", """{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""");
        await WaitStatusAsync(cluster, "web", s => s.ReadyReplicas == 1, "web-0 counted unready");

        await SetImageAsync(cluster, "web", "busybox:2");
        await WaitStatusAsync(cluster, "web", s => s.UpdateRevision != s.CurrentRevision && s.ObservedGeneration == 2, "the new revision observed");
        var images = await ImagesAsync(cluster, "web");
        Assert.Equal("busybox:1", images["web-1"]);

        await PatchPodStatusAsync(cluster, "web-0", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""");
        await ControllerCluster.EventuallyAsync(async () => (await ImagesAsync(cluster, "web")) is { Count: 2 } i && i.Values.All(v => v == "busybox:2"),
            "both pods updated once web-0 is ready again");
    }

    [Fact]
    public async Task OnDelete_leaves_pods_alone_until_they_are_deleted_and_remakes_them_from_the_new_template()
    {
        await using var cluster = await StartAsync();
        var set = NewSet("web", 2);
        set.Spec.UpdateStrategy = new StatefulSetUpdateStrategy { Type = "OnDelete" };
        await cluster.Sets().CreateAsync(set);
        await WaitReadyAsync(cluster, "web", 2);

        await SetImageAsync(cluster, "web", "busybox:2");
        await WaitStatusAsync(cluster, "web", s => s.UpdateRevision != s.CurrentRevision && s.UpdatedReplicas == 0, "the new revision with no pod on it");
        Assert.All((await ImagesAsync(cluster, "web")).Values, i => Assert.Equal("busybox:1", i));

        await cluster.Pods.DeleteAsync("default", "web-1");
        await ControllerCluster.EventuallyAsync(async () => (await ImagesAsync(cluster, "web")).GetValueOrDefault("web-1") == "busybox:2", "web-1 remade on the new image");
        Assert.Equal("busybox:1", (await ImagesAsync(cluster, "web"))["web-0"]);
        await WaitStatusAsync(cluster, "web", s => s is { UpdatedReplicas: 1, CurrentReplicas: 1 }, "one pod per revision");
    }

    [Fact]
    public async Task Going_back_to_an_earlier_template_reuses_its_revision_with_the_next_number()
    {
        await using var cluster = await StartAsync();
        await cluster.Sets().CreateAsync(NewSet("web", 1));
        await WaitReadyAsync(cluster, "web", 1);
        var first = (await cluster.Sets().GetAsync("default", "web")).Status.UpdateRevision;

        await SetImageAsync(cluster, "web", "busybox:2");
        await WaitStatusAsync(cluster, "web", s => s.UpdateRevision != first && s.CurrentRevision == s.UpdateRevision && s.ReadyReplicas == 1, "rolled to revision 2");
        await SetImageAsync(cluster, "web", "busybox:1");
        await WaitStatusAsync(cluster, "web", s => s.UpdateRevision == first && s.CurrentRevision == first && s.ReadyReplicas == 1, "rolled back to the first revision's name");

        var revisions = (await cluster.Client.Resource<ControllerRevision>().ListAsync("default")).Items;
        Assert.Equal(2, revisions.Count);
        Assert.Equal(3, revisions.Single(r => r.Metadata.Name == first).Revision);
    }
}
