using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Client;
using static Orca.Controllers.Tests.StatefulSets.StatefulSetSupport;

namespace Orca.Controllers.Tests.StatefulSets;

/// <summary>Pod identity, OrderedReady and Parallel creation and scale-down, failed-pod replacement.</summary>
public sealed class StatefulSetOrderingTests
{
    [Fact]
    public async Task OrderedReady_creates_each_pod_only_after_the_previous_one_is_ready_with_stable_identity()
    {
        await using var cluster = await StartAsync();
        await using var log = await PodLog.StartAsync(cluster, "web");
        await cluster.Sets().CreateAsync(NewSet("web", 3));
        await WaitReadyAsync(cluster, "web", 3);

        for (var i = 1; i < 3; i++)
        {
            var previousReady = log.First(e => e.Name == $"web-{i - 1}" && e.Ready);
            var created = log.First(e => e.Name == $"web-{i}" && e.Kind == "add");
            Assert.True(previousReady >= 0 && previousReady < created, $"web-{i} was created before web-{i - 1} was Ready: {string.Join(", ", log.Entries)}");
        }
        var web1 = (await cluster.PodAsync("web-1"))!;
        Assert.Equal("web-1", web1.Spec.Hostname);
        Assert.Equal("web-svc", web1.Spec.Subdomain);
        Assert.Equal("web-1", web1.Metadata.Labels![AppsLabels.StatefulSetPodName]);
        Assert.Equal("1", web1.Metadata.Labels[AppsLabels.PodIndex]);
        var set = await cluster.Sets().GetAsync("default", "web");
        Assert.Equal(set.Status.UpdateRevision, web1.Metadata.Labels[AppsLabels.ControllerRevisionHash]);
        Assert.True(web1.Metadata.OwnerReferences!.Single().Controller);

        await WaitStatusAsync(cluster, "web", s => s is { Replicas: 3, ReadyReplicas: 3, AvailableReplicas: 3, CurrentReplicas: 3, UpdatedReplicas: 3 }
            && s.CurrentRevision == s.UpdateRevision && s.ObservedGeneration == set.Metadata.Generation, "status to count 3 ready pods at one revision");
        await WaitEventAsync(cluster, "SuccessfulCreate", "create Pod web-2 in StatefulSet web successful");
    }

    [Fact]
    public async Task OrderedReady_waits_on_a_pod_that_is_not_ready_and_goes_on_when_it_is()
    {
        await using var cluster = await StartAsync(nodes: 0);
        await cluster.Sets().CreateAsync(NewSet("db", 2));
        await ControllerCluster.EventuallyAsync(async () => await cluster.PodAsync("db-0") is not null, "db-0 to be created");
        await WaitStatusAsync(cluster, "db", s => s.Replicas == 1 && s.ObservedGeneration == 1, "the controller to count db-0");
        Assert.Null(await cluster.PodAsync("db-1"));

        await AddNodesAsync(cluster, 1);
        await WaitReadyAsync(cluster, "db", 2);
    }

    [Fact]
    public async Task Parallel_creates_all_pods_at_once_even_when_none_is_ready()
    {
        await using var cluster = await StartAsync(nodes: 0);
        await cluster.Sets().CreateAsync(NewSet("par", 3, policy: "Parallel"));
        await ControllerCluster.EventuallyAsync(async () => (await cluster.PodsAsync(labelSelector: "app=par")).Count == 3, "3 pending pods");
        Assert.All(await cluster.PodsAsync(labelSelector: "app=par"), p => Assert.False(IsReady(p)));
    }

    [Fact]
    public async Task Scaling_down_deletes_the_highest_ordinal_first_one_at_a_time()
    {
        await using var cluster = await StartAsync();
        await cluster.Sets().CreateAsync(NewSet("web", 3));
        await WaitReadyAsync(cluster, "web", 3);
        await using var log = await PodLog.StartAsync(cluster, "web");

        await cluster.Sets().PatchAsync("default", "web", PatchType.Merge, """{"spec":{"replicas":1}}""");
        await WaitReadyAsync(cluster, "web", 1);

        var web2Gone = log.First(e => e.Name == "web-2" && e.Kind == "delete");
        var web1Deleting = log.First(e => e.Name == "web-1" && (e.Deleting || e.Kind == "delete"));
        Assert.True(web2Gone >= 0 && web2Gone < web1Deleting, $"web-1 was deleted before web-2 was gone: {string.Join(", ", log.Entries)}");
        await WaitEventAsync(cluster, "SuccessfulDelete", "delete Pod web-2 in StatefulSet web successful");
    }

    [Fact]
    public async Task A_failed_pod_is_deleted_and_made_again_with_a_new_uid()
    {
        await using var cluster = await StartAsync();
        await cluster.Sets().CreateAsync(NewSet("web", 1));
        await WaitReadyAsync(cluster, "web", 1);
        var old = (await cluster.PodAsync("web-0"))!;

        await PatchPodStatusAsync(cluster, "web-0", """{"status":{"phase":"Failed"}}""");
        await ControllerCluster.EventuallyAsync(async () => await cluster.PodAsync("web-0") is { } p && p.Metadata.Uid != old.Metadata.Uid && IsReady(p),
            "a new, ready web-0");
    }

    [Fact]
    public async Task Scale_subresource_changes_replicas()
    {
        await using var cluster = await StartAsync();
        await cluster.Sets().CreateAsync(NewSet("web", 1));
        await WaitReadyAsync(cluster, "web", 1);
        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 2 } };
        await cluster.Sets().PatchAsync("default", "web", PatchType.Merge, patch.ToJsonString(), subresource: "scale");
        await WaitReadyAsync(cluster, "web", 2);
    }
}
