using Orca.Api.Core;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins;
using Orca.Scheduler.Queue;

namespace Orca.Scheduler.Tests;

public sealed class QueueTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly SchedulingFramework _fw;
    private readonly SchedulingQueue _queue;

    public QueueTests()
    {
        var h = new Harness([]);
        _fw = new SchedulingFramework(h.Handle, new PluginSet
        {
            QueueSort = new PrioritySort(),
            PreEnqueue = [new SchedulingGates()],
            Filter = [new TaintToleration(), new Orca.Scheduler.Plugins.NodeResources.Fit(new Config.NodeResourcesFitArgs())],
            Bind = [new DefaultBinder(h.Handle)],
        });
        _queue = new SchedulingQueue(_time, new QueueOptions(), new PrioritySort().Less, _ => _fw);
    }

    public void Dispose() => _queue.Dispose();

    private async Task<(QueuedPodInfo Pod, long Cycle)> Pop()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return (await _queue.PopAsync(cts.Token))!.Value;
    }

    private static PodInfo Pod(string name, int priority = 0) => new(PodBuilder.Named(name).Priority(priority));

    [Fact]
    public async Task Higher_priority_first_then_first_come()
    {
        _queue.Add(Pod("a"));
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Add(Pod("b", 10));
        _time.Advance(TimeSpan.FromSeconds(1));
        _queue.Add(Pod("c"));
        Assert.Equal(["default/b", "default/a", "default/c"], [(await Pop()).Pod.Key, (await Pop()).Pod.Key, (await Pop()).Pod.Key]);
    }

    [Fact]
    public async Task Backoff_doubles_from_1s_to_10s()
    {
        var durations = new List<double>();
        var pod = Pod("a");
        _queue.Add(pod);
        for (var i = 0; i < 6; i++)
        {
            var (p, cycle) = await Pop();
            durations.Add(_queue.BackoffDuration(p).TotalSeconds);
            p.UnschedulablePlugins.Clear();
            _queue.AddUnschedulableIfNotPresent(p, cycle);
            Assert.Equal("backoff", _queue.Where(p.Key));
            _time.Advance(_queue.BackoffDuration(p) - TimeSpan.FromMilliseconds(1));
            Assert.Equal("backoff", _queue.Where(p.Key));
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal("active", _queue.Where(p.Key));
        }
        Assert.Equal([1.0, 2, 4, 8, 10, 10], durations);
    }

    [Fact]
    public async Task Parked_pods_move_only_on_events_their_rejecting_plugins_care_about()
    {
        _queue.Add(new PodInfo(PodBuilder.Named("tainted")));
        var (p, cycle) = await Pop();
        p.UnschedulablePlugins.Add(Names.TaintToleration);
        _queue.AddUnschedulableIfNotPresent(p, cycle);
        Assert.Equal("unschedulable", _queue.Where(p.Key));

        _queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete, PodBuilder.Named("x").OnNode("n").Build(), null);
        Assert.Equal("unschedulable", _queue.Where(p.Key));
        var stillTainted = NodeBuilder.Named("n").Taint("k", "v", "NoSchedule").Build();
        _queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd, null, stillTainted);
        Assert.Equal("unschedulable", _queue.Where(p.Key));
        _queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd, null, NodeBuilder.Named("clean").Build());
        Assert.Equal("backoff", _queue.Where(p.Key));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("active", _queue.Where(p.Key));
    }

    [Fact]
    public async Task Parked_pods_are_retried_after_five_minutes_without_events()
    {
        _queue.Add(Pod("a"));
        var (p, cycle) = await Pop();
        p.UnschedulablePlugins.Add(Names.NodeResourcesFit);
        _queue.AddUnschedulableIfNotPresent(p, cycle);
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("unschedulable", _queue.Where(p.Key));
        _time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Equal("active", _queue.Where(p.Key));
    }

    [Fact]
    public async Task A_move_request_during_the_cycle_sends_the_failed_pod_to_backoff()
    {
        _queue.Add(Pod("a"));
        var (p, cycle) = await Pop();
        _queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd, null, NodeBuilder.Named("n").Build());
        p.UnschedulablePlugins.Add(Names.NodeResourcesFit);
        _queue.AddUnschedulableIfNotPresent(p, cycle);
        Assert.Equal("backoff", _queue.Where(p.Key));
    }

    [Fact]
    public async Task Gated_pods_wait_until_their_gates_are_removed()
    {
        var gated = new PodInfo(PodBuilder.Named("g").Gate("example.com/wait"));
        _queue.Add(gated);
        Assert.Equal("unschedulable", _queue.Where(gated.Key));
        _queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd, null, NodeBuilder.Named("n").Build());
        Assert.Equal("unschedulable", _queue.Where(gated.Key));
        _queue.Update(gated, new PodInfo(PodBuilder.Named("g")));
        Assert.Equal("active", _queue.Where(gated.Key));
        Assert.Equal("default/g", (await Pop()).Pod.Key);
    }

    [Fact]
    public async Task A_spec_change_unparks_a_pod_and_a_status_change_does_not()
    {
        var pod = new PodInfo(PodBuilder.Named("a").NodeSelector("disk", "ssd"));
        _queue.Add(pod);
        var (p, cycle) = await Pop();
        p.UnschedulablePlugins.Add(Names.NodeAffinity);
        _queue.AddUnschedulableIfNotPresent(p, cycle);
        var statusOnly = PodBuilder.Named("a").NodeSelector("disk", "ssd").Build();
        statusOnly.Status.Conditions = [new PodCondition { Type = "PodScheduled", Status = "False" }];
        _queue.Update(pod, new PodInfo(statusOnly));
        Assert.Equal("unschedulable", _queue.Where(p.Key));
        _queue.Update(pod, new PodInfo(PodBuilder.Named("a").Label("x", "y").NodeSelector("disk", "ssd")));
        Assert.Equal("backoff", _queue.Where(p.Key));
    }

    [Fact]
    public async Task Deleted_pods_leave_every_sub_queue()
    {
        _queue.Add(Pod("a"));
        _queue.Delete(Pod("a"));
        _queue.Add(Pod("b"));
        Assert.Equal("default/b", (await Pop()).Pod.Key);
        Assert.Null(_queue.Where("default/a"));
    }
}
