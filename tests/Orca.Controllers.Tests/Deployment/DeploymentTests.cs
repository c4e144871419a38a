using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Client;
using Orca.Sim;
using static Orca.Controllers.Tests.ReplicaSets.WorkloadSupport;

namespace Orca.Controllers.Tests.Deployments;

/// <summary>The Deployment controller with the ReplicaSet controller, the real scheduler and hollow nodes on a fake clock.</summary>
public sealed class DeploymentTests
{
    private static ResourceClient<Deployment> Deployments(ControllerCluster c) => c.Client.Resource<Deployment>();

    private static async Task<ControllerCluster> StartAsync(int nodes = 2)
    {
        var cluster = await ControllerCluster.StartAsync(["replicaset", "deployment"], scheduler: true);
        try
        {
            await cluster.StartNodesAsync(new HollowOptions { Nodes = nodes });
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Deployment's ReplicaSets, oldest revision first.</summary>
    private static async Task<List<ReplicaSet>> ReplicaSetsAsync(ControllerCluster c, string app) =>
        [.. (await c.Client.Resource<ReplicaSet>().ListAsync("default", new ListOptions { LabelSelector = "app=" + app })).Items
            .OrderBy(r => int.Parse(r.Metadata.Annotations?.GetValueOrDefault("deployment.kubernetes.io/revision") ?? "0", System.Globalization.CultureInfo.InvariantCulture))];

    private static Task<Deployment> RolledOutAsync(ControllerCluster c, string name, int replicas) =>
        WaitForAsync(() => c.GetAsync<Deployment>(name), d => d.Status.ObservedGeneration == d.Metadata.Generation
            && d.Status is { } s && s.UpdatedReplicas == replicas && s.Replicas == replicas && s.AvailableReplicas == replicas
            && s.Conditions?.Any(x => x.Type == "Progressing" && x.Reason == "NewReplicaSetAvailable") == true, $"{name} rolled out");

    private static Task SetImageAsync(ControllerCluster c, string name, string image) =>
        Deployments(c).PatchAsync("default", name, PatchType.StrategicMerge, """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"IMAGE"}]}}}}""".Replace("IMAGE", image, StringComparison.Ordinal));

    [Fact]
    public async Task A_new_deployment_gets_a_hashed_replica_set_revision_1_and_its_conditions()
    {
        await using var cluster = await StartAsync();
        await Deployments(cluster).CreateAsync(Deployment("web", 3));

        var d = await RolledOutAsync(cluster, "web", 3);
        var rs = Assert.Single(await ReplicaSetsAsync(cluster, "web"));
        var hash = rs.Metadata.Labels![AppsLabels.PodTemplateHash];
        Assert.Matches("^[a-z0-9]{6,10}$", hash);
        Assert.Equal($"web-{hash}", rs.Metadata.Name);
        Assert.Equal(hash, rs.Spec.Selector!.MatchLabels![AppsLabels.PodTemplateHash]);
        Assert.Equal(hash, rs.Spec.Template!.Metadata!.Labels![AppsLabels.PodTemplateHash]);
        Assert.Equal(("1", "3", "4"), (rs.Metadata.Annotations!["deployment.kubernetes.io/revision"],
            rs.Metadata.Annotations["deployment.kubernetes.io/desired-replicas"], rs.Metadata.Annotations["deployment.kubernetes.io/max-replicas"]));
        Assert.Equal("1", d.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.Equal((3, 3, 3, 0), (d.Status.Replicas, d.Status.ReadyReplicas, d.Status.AvailableReplicas, d.Status.UnavailableReplicas));
        var available = d.Status.Conditions!.Single(c => c.Type == "Available");
        Assert.Equal(("True", "MinimumReplicasAvailable", "Deployment has minimum availability."), (available.Status, available.Reason, available.Message));
        var progressing = d.Status.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal($"ReplicaSet \"{rs.Metadata.Name}\" has successfully progressed.", progressing.Message);
        Assert.Contains($"Scaled up replica set {rs.Metadata.Name} from 0 to 3", await WaitForAsync(() => cluster.EventsAsync("web", "ScalingReplicaSet"), e => e.Count > 0, "event"));

        // The same template hashes the same way; another template differently.
        await Deployments(cluster).CreateAsync(Deployment("web2", 1) with { });
        var again = Assert.Single(await WaitForAsync(() => ReplicaSetsAsync(cluster, "web2"), r => r.Count == 1, "web2's replica set"));
        Assert.NotEqual(hash, again.Metadata.Labels![AppsLabels.PodTemplateHash]);
    }

    [Fact]
    public async Task A_rolling_update_never_drops_below_replicas_minus_maxUnavailable_nor_exceeds_the_surge()
    {
        await using var cluster = await StartAsync();
        await Deployments(cluster).CreateAsync(Deployment("roll", 6, maxSurge: IntOrString.FromInt(2), maxUnavailable: IntOrString.FromString("25%")));
        await RolledOutAsync(cluster, "roll", 6);

        using var stop = new CancellationTokenSource();
        int minReady = int.MaxValue, maxLive = 0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var live = await cluster.LivePodsAsync("app=roll");
                minReady = Math.Min(minReady, live.Count(IsReady));
                maxLive = Math.Max(maxLive, live.Count);
                await Task.Delay(5);
            }
        });
        await SetImageAsync(cluster, "roll", "busybox:2");
        var d = await RolledOutAsync(cluster, "roll", 6);
        await stop.CancelAsync();
        await sampler;

        Assert.True(minReady >= 5, $"ready pods dropped to {minReady} (6 replicas, maxUnavailable 25% = 1)");
        Assert.True(maxLive <= 8, $"{maxLive} pods at once (6 replicas, maxSurge 2)");
        Assert.Equal("2", d.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        var sets = await ReplicaSetsAsync(cluster, "roll");
        Assert.Equal([0, 6], sets.Select(r => r.Spec.Replicas ?? 0));
        Assert.All(await cluster.LivePodsAsync("app=roll"), p => Assert.Equal("busybox:2", p.Spec.Containers[0].Image));
        var scaled = await cluster.EventsAsync("roll", "ScalingReplicaSet");
        Assert.Contains($"Scaled down replica set {sets[0].Metadata.Name} from 6 to 5", scaled);
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_the_first_new_one_exists()
    {
        await using var cluster = await StartAsync();
        await Deployments(cluster).CreateAsync(Deployment("rec", 3, strategy: "Recreate"));
        await RolledOutAsync(cluster, "rec", 3);

        var overlap = false;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var images = (await cluster.PodsAsync(labelSelector: "app=rec")).Select(p => p.Spec.Containers[0].Image).Distinct().Count();
                overlap |= images > 1;
                await Task.Delay(5);
            }
        });
        await SetImageAsync(cluster, "rec", "busybox:2");
        // Old pods end after their grace period on the fake clock.
        await cluster.WaitAdvancingAsync(async () => (await Deployments(cluster).GetAsync("default", "rec")).Status is { UpdatedReplicas: 3, AvailableReplicas: 3, Replicas: 3 }, "rec recreated");
        await stop.CancelAsync();
        await sampler;
        Assert.False(overlap, "old and new pods existed at the same time");
    }

    [Fact]
    public async Task Rolling_back_to_an_old_template_reuses_its_replica_set_under_a_new_revision()
    {
        await using var cluster = await StartAsync();
        await Deployments(cluster).CreateAsync(Deployment("undo", 2));
        await RolledOutAsync(cluster, "undo", 2);
        var first = Assert.Single(await ReplicaSetsAsync(cluster, "undo"));
        await SetImageAsync(cluster, "undo", "busybox:2");
        await RolledOutAsync(cluster, "undo", 2);

        // What `kubectl rollout undo` sends: the old ReplicaSet's template, without its hash label.
        await SetImageAsync(cluster, "undo", "busybox:1");
        var d = await RolledOutAsync(cluster, "undo", 2);
        var sets = await ReplicaSetsAsync(cluster, "undo");
        Assert.Equal(2, sets.Count);
        var reused = sets.Single(r => r.Metadata.Uid == first.Metadata.Uid);
        Assert.Equal(2, reused.Spec.Replicas);
        Assert.Equal(("3", "1"), (reused.Metadata.Annotations!["deployment.kubernetes.io/revision"], reused.Metadata.Annotations["deployment.kubernetes.io/revision-history"]));
        Assert.Equal("3", d.Metadata.Annotations!["deployment.kubernetes.io/revision"]);
        Assert.All(await cluster.LivePodsAsync("app=undo"), p => Assert.Equal("busybox:1", p.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task A_paused_deployment_scales_but_does_not_roll_until_resumed()
    {
        await using var cluster = await StartAsync();
        await Deployments(cluster).CreateAsync(Deployment("pause", 2));
        await RolledOutAsync(cluster, "pause", 2);
        await Deployments(cluster).PatchAsync("default", "pause", PatchType.Merge, """{"spec":{"paused":true}}""");
        var paused = await WaitForAsync(() => cluster.GetAsync<Deployment>("pause"),
            d => d.Status.Conditions?.Any(c => c is { Type: "Progressing", Status: "Unknown", Reason: "DeploymentPaused", Message: "Deployment is paused" }) == true, "paused condition");

        await SetImageAsync(cluster, "pause", "busybox:2");
        await Deployments(cluster).PatchAsync("default", "pause", PatchType.Merge, """{"spec":{"replicas":4}}""");
        await WaitForAsync(() => cluster.LivePodsAsync("app=pause"), p => p.Count == 4 && p.All(IsReady), "scaled to 4 while paused");
        Assert.Single(await ReplicaSetsAsync(cluster, "pause"));
        Assert.All(await cluster.LivePodsAsync("app=pause"), p => Assert.Equal("busybox:1", p.Spec.Containers[0].Image));

        await Deployments(cluster).PatchAsync("default", "pause", PatchType.Merge, """{"spec":{"paused":false}}""");
        await RolledOutAsync(cluster, "pause", 4);
        Assert.All(await cluster.LivePodsAsync("app=pause"), p => Assert.Equal("busybox:2", p.Spec.Containers[0].Image));
        Assert.NotNull(paused);
    }

    [Fact]
    public async Task A_rollout_without_progress_exceeds_its_deadline_on_the_fake_clock()
    {
        await using var cluster = await StartAsync();
        var deployment = Deployment("stuck", 2);
        deployment.Spec.ProgressDeadlineSeconds = 60;
        deployment.Spec.Template.Spec!.NodeSelector = new() { ["disk"] = "none-has-this" };
        await Deployments(cluster).CreateAsync(deployment);
        var d = await WaitForAsync(() => cluster.GetAsync<Deployment>("stuck"),
            x => x.Status.Conditions?.Any(c => c is { Type: "Progressing", Status: "True" }) == true && x.Status.Replicas == 2, "progressing");
        var rsName = Assert.Single(await ReplicaSetsAsync(cluster, "stuck")).Metadata.Name;
        var available = d.Status.Conditions!.Single(c => c.Type == "Available");
        Assert.Equal(("False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."), (available.Status, available.Reason, available.Message));

        await cluster.AdvanceAsync(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(10));
        Assert.Equal("True", (await cluster.GetAsync<Deployment>("stuck")).Status.Conditions!.Single(c => c.Type == "Progressing").Status);
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5));
        d = await WaitForAsync(() => cluster.GetAsync<Deployment>("stuck"),
            x => x.Status.Conditions?.Any(c => c is { Type: "Progressing", Status: "False" }) == true, "deadline exceeded");
        var progressing = d.Status.Conditions!.Single(c => c.Type == "Progressing");
        Assert.Equal(("ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing."), (progressing.Reason, progressing.Message));
    }

    [Fact]
    public async Task Old_replica_sets_beyond_the_history_limit_are_deleted()
    {
        await using var cluster = await StartAsync();
        var deployment = Deployment("hist", 1);
        deployment.Spec.RevisionHistoryLimit = 1;
        await Deployments(cluster).CreateAsync(deployment);
        await RolledOutAsync(cluster, "hist", 1);
        foreach (var image in new[] { "busybox:2", "busybox:3", "busybox:4" })
        {
            await SetImageAsync(cluster, "hist", image);
            await RolledOutAsync(cluster, "hist", 1);
        }
        var sets = await WaitForAsync(() => ReplicaSetsAsync(cluster, "hist"), r => r.Count == 2, "current + 1 old replica set");
        Assert.Equal(["3", "4"], sets.Select(r => r.Metadata.Annotations!["deployment.kubernetes.io/revision"]).Order());
    }

    [Fact]
    public async Task Scaling_in_the_middle_of_a_rollout_spreads_the_change_over_both_replica_sets()
    {
        await using var cluster = await StartAsync();
        var deployment = Deployment("prop", 10, maxSurge: IntOrString.FromInt(3), maxUnavailable: IntOrString.FromInt(0));
        deployment.Spec.Template.Spec!.NodeSelector = null;
        await Deployments(cluster).CreateAsync(deployment);
        await RolledOutAsync(cluster, "prop", 10);
        // A new template nothing can run: the rollout stalls with 10 old + 3 new pods.
        await Deployments(cluster).PatchAsync("default", "prop", PatchType.StrategicMerge, """{"spec":{"template":{"spec":{"nodeSelector":{"disk":"none"}}}}}""");
        await WaitForAsync(() => ReplicaSetsAsync(cluster, "prop"), r => r.Count == 2 && r[1].Spec.Replicas == 3, "3 surge pods");

        await Deployments(cluster).PatchAsync("default", "prop", PatchType.Merge, """{"spec":{"replicas":20}}""");
        // 20 + 3 surge = 23 = 13 + 10, the 10 shared in proportion 10:3 (rounded), as Kubernetes shares it.
        var sets = await WaitForAsync(() => ReplicaSetsAsync(cluster, "prop"), r => r.Sum(x => x.Spec.Replicas ?? 0) == 23, "20 + 3 surge");
        Assert.Equal([18, 5], sets.Select(r => r.Spec.Replicas ?? 0));
        Assert.All(sets, r => Assert.Equal(("20", "23"), (r.Metadata.Annotations!["deployment.kubernetes.io/desired-replicas"], r.Metadata.Annotations["deployment.kubernetes.io/max-replicas"])));
    }
}
