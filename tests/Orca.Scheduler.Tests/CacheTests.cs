using Orca.Scheduler.Cache;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Tests;

public sealed class CacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_assumed_pod_counts_until_forgotten()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(NodeBuilder.Named("n1"));
        var pod = new PodInfo(PodBuilder.Named("p").Requests("1"));
        cache.AssumePod(pod, "n1");
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(1000, snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.True(cache.IsAssumed(pod.Uid));
        cache.ForgetPod(pod);
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(0, snapshot.Get("n1")!.Requested.MilliCpu);
        Assert.Empty(snapshot.Get("n1")!.Pods);
    }

    [Fact]
    public void The_informer_confirms_an_assumed_pod_and_a_later_forget_changes_nothing()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(NodeBuilder.Named("n1"));
        var pod = new PodInfo(PodBuilder.Named("p").Requests("1"));
        cache.AssumePod(pod, "n1");
        cache.AddPod(PodBuilder.Named("p").Requests("1").OnNode("n1"));
        Assert.False(cache.IsAssumed(pod.Uid));
        cache.ForgetPod(pod);
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Single(snapshot.Get("n1")!.Pods);
    }

    [Fact]
    public void Assumed_pods_expire_only_after_binding_finished_and_only_with_a_ttl()
    {
        var cache = new SchedulerCache(_time, TimeSpan.FromSeconds(30));
        cache.AddNode(NodeBuilder.Named("n1"));
        var pod = new PodInfo(PodBuilder.Named("p"));
        cache.AssumePod(pod, "n1");
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, cache.CleanupExpiredAssumedPods());
        cache.FinishBinding(pod);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, cache.CleanupExpiredAssumedPods());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, cache.CleanupExpiredAssumedPods());
        Assert.Equal(0, cache.PodCount);
        var never = new SchedulerCache(_time);
        never.AddNode(NodeBuilder.Named("n1"));
        never.AssumePod(pod, "n1");
        never.FinishBinding(pod);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, never.CleanupExpiredAssumedPods());
    }

    [Fact]
    public void Snapshots_copy_only_changed_nodes_and_keep_their_entries()
    {
        var cache = new SchedulerCache(_time);
        for (var i = 0; i < 100; i++) cache.AddNode(NodeBuilder.Named($"n{i}"));
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        var entries = snapshot.Nodes.ToList();
        var untouched = snapshot.Get("n1")!;
        var generation = untouched.Generation;
        cache.AddPod(PodBuilder.Named("p").Requests("1").OnNode("n7"));
        cache.UpdateSnapshot(snapshot);
        Assert.Same(untouched, snapshot.Get("n1"));
        Assert.Equal(generation, untouched.Generation);
        Assert.Same(entries[7], snapshot.Get("n7"));
        Assert.Equal(1000, snapshot.Get("n7")!.Requested.MilliCpu);
        Assert.Equal(entries, snapshot.Nodes);
    }

    [Fact]
    public void Removed_nodes_leave_the_snapshot_while_their_pods_stay_counted_in_the_cache()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(NodeBuilder.Named("n1"));
        cache.AddNode(NodeBuilder.Named("n2"));
        cache.AddPod(PodBuilder.Named("p").OnNode("n1"));
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        cache.RemoveNode(NodeBuilder.Named("n1"));
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(["n2"], snapshot.Nodes.Select(n => n.Name));
        Assert.Null(snapshot.Get("n1"));
        cache.AddNode(NodeBuilder.Named("n1"));
        cache.UpdateSnapshot(snapshot);
        Assert.Single(snapshot.Get("n1")!.Pods);
    }

    [Fact]
    public void Affinity_lists_follow_pods_with_affinity()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(NodeBuilder.Named("n1"));
        cache.AddNode(NodeBuilder.Named("n2"));
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Empty(snapshot.NodesWithAffinityPods);
        var pod = PodBuilder.Named("p").PodAntiAffinity("kubernetes.io/hostname", "app", "x").OnNode("n2").Build();
        cache.AddPod(pod);
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(["n2"], snapshot.NodesWithAffinityPods.Select(n => n.Name));
        Assert.Equal(["n2"], snapshot.NodesWithRequiredAntiAffinityPods.Select(n => n.Name));
        cache.RemovePod(pod);
        cache.UpdateSnapshot(snapshot);
        Assert.Empty(snapshot.NodesWithRequiredAntiAffinityPods);
    }

    [Fact]
    public void Image_states_count_nodes()
    {
        var cache = new SchedulerCache(_time);
        cache.AddNode(NodeBuilder.Named("n1").Image("busybox", 100));
        cache.AddNode(NodeBuilder.Named("n2").Image("busybox:latest", 100));
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        Assert.Equal(2, snapshot.Get("n1")!.ImageStates["busybox:latest"].NumNodes);
        cache.RemoveNode(NodeBuilder.Named("n2"));
        Assert.Equal(1, snapshot.Get("n1")!.ImageStates["busybox:latest"].NumNodes);
    }
}
