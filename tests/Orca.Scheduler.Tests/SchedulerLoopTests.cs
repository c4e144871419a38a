using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.Scheduler.Config;

namespace Orca.Scheduler.Tests;

/// <summary>The scheduling loop against fakes: informer events go in through the handlers, API writes are recorded.</summary>
public sealed class SchedulerLoopTests : IDisposable
{
    private readonly FakeSchedulerClient _client = new();
    private readonly Dictionary<string, FakeEvents> _events = new();
    private readonly Dictionary<string, Pod> _pods = new();
    private readonly FakeTimeProvider _time = new();
    private Scheduler _scheduler = null!;

    public SchedulerLoopTests() => Start(ConfigLoader.Default());

    private void Start(KubeSchedulerConfiguration config)
    {
        _scheduler?.Dispose();
        _scheduler = new Scheduler(new SchedulerDependencies
        {
            Client = _client,
            Namespaces = new FakeNamespaces(),
            DisruptionBudgets = new FakeBudgets(),
            GroupSelectors = new FakeGroupSelectors(),
            EventsFor = name => _events.TryGetValue(name, out var e) ? e : _events[name] = new FakeEvents(),
            GetPod = (ns, name) => _pods.GetValueOrDefault($"{ns}/{name}"),
            Time = _time,
            Logger = NullLogger.Instance,
        }, config);
    }

    public void Dispose() => _scheduler.Dispose();

    private void Node(Api.Core.Node node) => _scheduler.EventHandlers.OnNodeAdd(node);

    private void Add(Pod pod)
    {
        _pods[$"{pod.Metadata.Namespace}/{pod.Metadata.Name}"] = pod;
        _scheduler.EventHandlers.OnPodAdd(pod);
    }

    private async Task CycleAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.True(await _scheduler.ScheduleOneAsync(cts.Token));
    }

    private async Task<(string Pod, string Node)[]> BindsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_client.Binds.Count < count && DateTime.UtcNow < deadline) await Task.Delay(5);
        return [.. _client.Binds];
    }

    private FakeEvents Events(string scheduler = "default-scheduler") => _events[scheduler];

    [Fact]
    public async Task A_pod_is_bound_to_the_node_it_fits_and_a_Scheduled_event_says_so()
    {
        Node(NodeBuilder.Named("small").Capacity("1", "1Gi"));
        Node(NodeBuilder.Named("big").Capacity("8", "16Gi"));
        Add(PodBuilder.Named("web").Requests("2", "1Gi"));
        await CycleAsync();
        Assert.Equal([("default/web", "big")], await BindsAsync(1));
        Assert.Contains(Events().Recorded, e => e == ("default/web", "Normal", "Scheduled", "Successfully assigned default/web to big"));
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_gets_Kubernetes_wording_in_its_event_and_condition()
    {
        Node(NodeBuilder.Named("gpu").Taint("dedicated", "gpu", "NoSchedule"));
        Node(NodeBuilder.Named("n1").Capacity("2", "8Gi"));
        Node(NodeBuilder.Named("n2").Capacity("2", "8Gi"));
        Add(PodBuilder.Named("important1").Priority(1000).Requests("1").OnNode("n1"));
        Add(PodBuilder.Named("important2").Priority(1000).Requests("1").OnNode("n2"));
        Add(PodBuilder.Named("big").Requests("2"));
        await CycleAsync();
        const string Message = "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. "
            + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..";
        Assert.Equal(Message, Assert.Single(Events().Recorded, e => e.Reason == "FailedScheduling").Message);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_client.StatusPatches.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(5);
        var (pod, change) = Assert.Single(_client.StatusPatches);
        Assert.Equal(("default/big", "PodScheduled", "False", "Unschedulable", Message),
            (pod, change.Condition!.Type, change.Condition.Status, change.Condition.Reason, change.Condition.Message));
        Assert.Equal("unschedulable", _scheduler.Queue.Where("default/big"));
        Assert.Empty(_client.Binds);
    }

    [Fact]
    public async Task A_parked_pod_is_placed_once_a_node_it_fits_arrives()
    {
        Node(NodeBuilder.Named("n1").Label("disk", "hdd"));
        Add(PodBuilder.Named("p").NodeSelector("disk", "ssd"));
        await CycleAsync();
        Assert.Equal("unschedulable", _scheduler.Queue.Where("default/p"));
        _scheduler.EventHandlers.OnNodeUpdate(NodeBuilder.Named("n1").Label("disk", "hdd"), NodeBuilder.Named("n1").Label("disk", "ssd"));
        Assert.Equal("backoff", _scheduler.Queue.Where("default/p"));
        _time.Advance(TimeSpan.FromSeconds(1));
        await CycleAsync();
        Assert.Equal([("default/p", "n1")], await BindsAsync(1));
    }

    [Fact]
    public async Task Assumed_pods_count_before_the_informer_confirms_them()
    {
        Node(NodeBuilder.Named("n1").Capacity("4", "8Gi"));
        Node(NodeBuilder.Named("n2").Capacity("4", "8Gi"));
        Add(PodBuilder.Named("a").Requests("3"));
        Add(PodBuilder.Named("b").Requests("3"));
        await CycleAsync();
        await CycleAsync();
        var binds = await BindsAsync(2);
        Assert.Equal(2, binds.Select(b => b.Node).Distinct().Count());
    }

    [Fact]
    public async Task A_failed_binding_forgets_the_assumption_and_retries()
    {
        Node(NodeBuilder.Named("n1").Capacity("4", "8Gi"));
        var fail = true;
        _client.BindFailure = (_, _) => fail ? new HttpRequestException("connection reset") : null;
        Add(PodBuilder.Named("a").Requests("3"));
        await CycleAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_scheduler.Queue.Where("default/a") != "backoff" && DateTime.UtcNow < deadline) await Task.Delay(5);
        Assert.Equal("backoff", _scheduler.Queue.Where("default/a"));
        Assert.Equal(0, _scheduler.Cache.PodCount);
        Assert.Contains(Events().Recorded, e => e.Reason == "FailedScheduling" && e.Message.Contains("connection reset"));
        fail = false;
        _time.Advance(TimeSpan.FromSeconds(1));
        await CycleAsync();
        Assert.Equal([("default/a", "n1")], await BindsAsync(1));
    }

    [Fact]
    public async Task Pods_for_other_schedulers_are_left_alone_and_each_profile_schedules_its_own()
    {
        Start(ConfigLoader.Parse("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles:\n- schedulerName: default-scheduler\n- schedulerName: second\n"));
        Node(NodeBuilder.Named("n1"));
        Add(PodBuilder.Named("foreign").Scheduler("someone-else"));
        Add(PodBuilder.Named("mine").Scheduler("second"));
        Assert.Null(_scheduler.Queue.Where("default/foreign"));
        await CycleAsync();
        Assert.Equal([("default/mine", "n1")], await BindsAsync(1));
        Assert.Contains(Events("second").Recorded, e => e.Reason == "Scheduled");
    }

    [Fact]
    public async Task Without_nodes_the_pod_waits_with_the_upstream_message()
    {
        Add(PodBuilder.Named("p"));
        await CycleAsync();
        Assert.Contains(Events().Recorded, e => e == ("default/p", "Warning", "FailedScheduling", "no nodes available to schedule pods"));
    }

    [Theory]
    [InlineData(0, 50, 50)]
    [InlineData(0, 1000, 420)]
    [InlineData(0, 5000, 500)]
    [InlineData(0, 10000, 500)]
    [InlineData(0, 1500, 570)]
    [InlineData(30, 1000, 300)]
    [InlineData(1, 1000, 100)]
    public void Nodes_to_find_follow_the_adaptive_percentage(int percentage, int nodes, int expected) =>
        Assert.Equal(expected, Scheduler.NumFeasibleNodesToFind(percentage, nodes));

    [Theory]
    [InlineData(64, 64, 500, 4936, 436)]
    [InlineData(64, 16, 500, 4936, 1936)]
    [InlineData(64, 1, 500, 4936, 4936)]
    [InlineData(64, 0, 500, 4936, 4936)]
    [InlineData(64, 64, 64, 4936, 0)]
    public void A_filter_pass_expects_to_visit_what_finding_the_rest_takes_at_the_rate_seen(int visited, int feasible, int toFind, int remaining, int expected) =>
        Assert.Equal(expected, Scheduler.StillToVisit(visited, feasible, toFind, remaining));
}
