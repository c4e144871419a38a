using Microsoft.Extensions.Logging.Abstractions;
using Orca.Agent.Eviction;
using Orca.Agent.Pods;
using Orca.Api;
using Orca.Api.Core;

namespace Orca.Agent.Tests;

public sealed class EvictionTests
{
    private const long Mi = 1L << 20, Gi = 1L << 30;

    private readonly FakeTimeProvider _clock = new();
    private readonly List<(string Pod, string Type, string Reason, string Message)> _podEvents = [];
    private readonly List<(string Type, string Reason, string Message)> _nodeEvents = [];
    private readonly List<(string Pod, PodVerdict Verdict)> _evicted = [];
    private readonly List<EvictionCandidate> _pods = [];
    private readonly Dictionary<string, long> _memory = [];
    private int _reclaims;
    private NodeObservations _observed = Healthy;
    private Func<NodeObservations>? _afterReclaim;

    private static readonly NodeObservations Healthy = new(4 * Gi, 8 * Gi, 50 * Gi, 100 * Gi, 900_000, 1_000_000, 50 * Gi, 100 * Gi, 900_000, 1_000_000);

    private EvictionManager Manager(IReadOnlyDictionary<string, string>? hard = null) => new(
        EvictionSignals.Parse(hard ?? EvictionSignals.Defaults),
        _ => Task.FromResult(_observed),
        () => _pods.Where(p => !_evicted.Any(e => e.Pod == p.Pod.Metadata.Name)).ToList(),
        (pod, resource, _) => Task.FromResult(new PodUsage(pod, pod.Spec.Containers.Select(c =>
            new ContainerUsage(c.Name, _memory.GetValueOrDefault($"{pod.Metadata.Name}/{c.Name}"), PodUsage.RequestOf(c, resource))).ToList())),
        _ =>
        {
            _reclaims++;
            if (_afterReclaim is not null) _observed = _afterReclaim();
            return Task.CompletedTask;
        },
        (pod, verdict) => _evicted.Add((pod.Metadata.Name!, verdict)),
        (pod, type, reason, message) => _podEvents.Add((pod.Metadata.Name!, type, reason, message)),
        (type, reason, message) => _nodeEvents.Add((type, reason, message)),
        "node-1", new AgentOptions(), _clock, NullLogger.Instance);

    private void AddPod(string name, string? request = null, string? limit = null, long usedMi = 0, int? priority = null, bool isStatic = false)
    {
        var pod = PodBuilder.Named(name).OnNode().WithContainer("app", c =>
        {
            if (request is null && limit is null) return;
            c.Resources = new ResourceRequirements { Requests = [], Limits = [] };
            if (request is not null) c.Resources.Requests!["memory"] = new Quantity(request);
            if (limit is not null) c.Resources.Limits!["memory"] = new Quantity(limit);
        }).Build();
        pod.Spec.Priority = priority;
        _pods.Add(new EvictionCandidate(pod, isStatic));
        _memory[$"{name}/app"] = usedMi * Mi;
    }

    [Fact]
    public void Pods_over_their_requests_go_first_then_by_priority_then_by_how_far_over()
    {
        PodUsage U(string name, long used, long request, int? priority = null)
        {
            var pod = PodBuilder.Named(name).WithContainer("app").Build();
            pod.Spec.Priority = priority;
            return new PodUsage(pod, [new ContainerUsage("app", used, request)]);
        }
        var ranked = EvictionRanking.Rank(
        [
            U("guaranteed-within", 90, 100),
            U("burstable-slightly-over", 110, 100),
            U("besteffort", 50, 0),
            U("burstable-far-over", 400, 100),
            U("important-besteffort", 500, 0, priority: 1000),
            U("idle-besteffort", 0, 0),
        ]);
        Assert.Equal(["burstable-far-over", "besteffort", "burstable-slightly-over", "important-besteffort", "idle-besteffort", "guaranteed-within"],
            ranked.Select(p => p.Pod.Metadata.Name));
    }

    [Fact]
    public async Task Memory_pressure_sets_the_condition_and_evicts_one_pod_per_pass_with_the_kubelets_message()
    {
        var manager = Manager();
        AddPod("guaranteed", request: "200Mi", limit: "200Mi", usedMi: 150);
        AddPod("besteffort", usedMi: 300);
        AddPod("burstable", request: "64Mi", usedMi: 100);
        AddPod("static", usedMi: 2000, isStatic: true);
        AddPod("critical", usedMi: 2000, priority: 2_000_001_000);

        Assert.Null(await manager.SynchronizeAsync(CancellationToken.None));
        Assert.False(manager.MemoryPressure);

        _observed = Healthy with { MemoryAvailable = 50 * Mi };
        Assert.Equal("besteffort", (await manager.SynchronizeAsync(CancellationToken.None))?.Metadata.Name);
        Assert.True(manager.MemoryPressure);
        Assert.False(manager.DiskPressure);
        var (_, verdict) = Assert.Single(_evicted);
        const string message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container app was using 300Mi, request is 0, has larger consumption of memory. ";
        Assert.Equal(new PodVerdict("Evicted", message, TimeSpan.Zero, DisruptionTarget: true), verdict);
        Assert.Equal([("besteffort", "Warning", "Evicted", message)], _podEvents);
        Assert.Equal([("Normal", "NodeHasInsufficientMemory", "Node node-1 status is now: NodeHasInsufficientMemory")], _nodeEvents);

        Assert.Equal("burstable", (await manager.SynchronizeAsync(CancellationToken.None))?.Metadata.Name);
        Assert.Equal("guaranteed", (await manager.SynchronizeAsync(CancellationToken.None))?.Metadata.Name);
        Assert.Null(await manager.SynchronizeAsync(CancellationToken.None)); // only critical pods are left
        Assert.Equal(["besteffort", "burstable", "guaranteed"], _evicted.Select(e => e.Pod));
    }

    [Fact]
    public async Task Eviction_stops_once_back_under_the_threshold_and_the_condition_clears_after_the_transition_period()
    {
        var manager = Manager();
        AddPod("a", usedMi: 10);
        AddPod("b", usedMi: 20);
        _observed = Healthy with { MemoryAvailable = 50 * Mi };
        Assert.Equal("b", (await manager.SynchronizeAsync(CancellationToken.None))?.Metadata.Name);

        _observed = Healthy;
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await manager.SynchronizeAsync(CancellationToken.None));
        Assert.True(manager.MemoryPressure);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(await manager.SynchronizeAsync(CancellationToken.None));
        Assert.True(manager.MemoryPressure);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await manager.SynchronizeAsync(CancellationToken.None));
        Assert.False(manager.MemoryPressure);
        Assert.Single(_evicted);
        Assert.Equal("NodeHasSufficientMemory", _nodeEvents[^1].Reason);
    }

    [Fact]
    public async Task Disk_pressure_removes_unused_images_first_and_evicts_only_if_that_is_not_enough()
    {
        var manager = Manager();
        AddPod("a", usedMi: 10);
        _observed = Healthy with { ImageFsAvailable = 10 * Gi };          // imagefs.available < 15% of 100Gi
        _afterReclaim = () => Healthy;
        Assert.Null(await manager.SynchronizeAsync(CancellationToken.None));
        Assert.Equal(1, _reclaims);
        Assert.True(manager.DiskPressure);
        Assert.False(manager.MemoryPressure);
        Assert.Empty(_evicted);

        _observed = Healthy with { NodeFsAvailable = 5 * Gi };            // nodefs.available < 10%: reclaim does not help
        _afterReclaim = null;
        Assert.Equal("a", (await manager.SynchronizeAsync(CancellationToken.None))?.Metadata.Name);
        Assert.Equal(2, _reclaims);
        Assert.StartsWith("The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 5Gi. ", _evicted[0].Verdict.Message);
        Assert.Contains(_nodeEvents, e => e.Reason == "NodeHasDiskPressure");
    }

    [Fact]
    public async Task Inodes_are_reported_as_a_count()
    {
        var manager = Manager();
        AddPod("a");
        _observed = Healthy with { NodeFsInodesFree = 1000 };
        await manager.SynchronizeAsync(CancellationToken.None);
        Assert.Equal("The node was low on resource: inodes. Threshold quantity: 50k, available: 1k. ", _evicted[0].Verdict.Message);
    }

    [Fact]
    public async Task Pod_usage_is_the_working_set_of_its_running_containers_or_its_logs_and_volumes_on_disk()
    {
        var dir = Directory.CreateTempSubdirectory("orca-usage-").FullName;
        try
        {
            var runtime = new Fakes.FakeRuntime(_clock) { MemoryOf = name => name == "app" ? 300UL * (ulong)Mi : 20UL * (ulong)Mi };
            var pod = PodBuilder.Named("web").OnNode().WithContainer("app", c => c.Resources = new ResourceRequirements { Requests = new() { ["memory"] = new Quantity("100Mi") } })
                .WithContainer("side").Build();
            pod.Metadata.Uid = "u1";
            var sandboxConfig = Translate.PodToSandbox.Build(pod, new AgentOptions());
            var sandbox = await runtime.RunPodSandboxAsync(sandboxConfig, CancellationToken.None);
            foreach (var c in pod.Spec.Containers)
            {
                var config = Translate.PodToContainer.Build(pod, c, 0, [], new Dictionary<string, string>(), "/dev/null");
                await runtime.StartContainerAsync(await runtime.CreateContainerAsync(sandbox, config, sandboxConfig, CancellationToken.None), CancellationToken.None);
            }
            var other = PodBuilder.Named("other").OnNode().WithContainer("app").Build();
            other.Metadata.Uid = "u2";
            var otherSandbox = await runtime.RunPodSandboxAsync(Translate.PodToSandbox.Build(other, new AgentOptions()), CancellationToken.None);
            await runtime.StartContainerAsync(await runtime.CreateContainerAsync(otherSandbox,
                Translate.PodToContainer.Build(other, other.Spec.Containers[0], 0, [], new Dictionary<string, string>(), "/dev/null"), sandboxConfig, CancellationToken.None), CancellationToken.None);
            var logs = Path.Combine(dir, "logs", "default_web_u1", "app");
            Directory.CreateDirectory(logs);
            await File.WriteAllBytesAsync(Path.Combine(logs, "0.log"), new byte[5000]);
            var volume = Path.Combine(dir, "pods", "u1", "volumes", "kubernetes.io~empty-dir", "cache");
            Directory.CreateDirectory(volume);
            await File.WriteAllBytesAsync(Path.Combine(volume, "blob"), new byte[7000]);
            var reader = new PodUsageReader(runtime, Path.Combine(dir, "logs"), uid => Path.Combine(dir, "pods", uid));

            var memory = await reader.ReadAsync(pod, "memory", CancellationToken.None);
            Assert.Equal([new ContainerUsage("app", 300 * Mi, 100 * Mi), new ContainerUsage("side", 20 * Mi, 0)], memory.Containers);
            Assert.Equal((320 * Mi, 100 * Mi), (memory.Usage, memory.Request));

            var disk = await reader.ReadAsync(pod, "ephemeral-storage", CancellationToken.None);
            Assert.Equal([new ContainerUsage("app", 5000, 0), new ContainerUsage("side", 0, 0)], disk.Containers);
            Assert.Equal(12000, disk.Usage);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("memory.available<100Mi,nodefs.available<10%", null)]
    [InlineData("pid.available<10", "eviction-hard: unsupported eviction signal pid.available")]
    [InlineData("memory.available<lots", "eviction-hard: invalid quantity lots for memory.available")]
    [InlineData("nodefs.available<120%", "eviction-hard: invalid percentage 120% for nodefs.available")]
    [InlineData("memory.available", "eviction-hard: \"memory.available\" is not signal<value")]
    public void The_eviction_hard_flag_is_parsed_and_validated(string flag, string? error)
    {
        void Parse() => new AgentOptions { EvictionHard = EvictionSignals.ParseFlag(flag) }.Validate();
        if (error is null) Parse();
        else Assert.Equal(error, Assert.Throws<ArgumentException>(Parse).Message);
    }

    [Fact]
    public async Task An_agent_over_a_threshold_evicts_a_pod_fails_it_as_evicted_and_reports_memory_pressure()
    {
        // A threshold no host meets: every observation of the real host crosses it.
        await using var h = await AgentHarness.StartAsync(o => o with
        {
            EvictionHard = new Dictionary<string, string> { ["memory.available"] = "1000Ti" },
            EvictionMonitoringPeriod = TimeSpan.FromSeconds(10),
        });
        // Burstable: under memory pressure the node still admits it (a BestEffort pod would be refused outright).
        await h.CreateAsync(PodBuilder.Named("victim").OnNode().Grace(30).WithContainer("app", c => c.Resources = new ResourceRequirements
        {
            Requests = new() { ["cpu"] = Quantity.Parse("10m") },
        }).Build());

        var pod = await h.PodWhenAsync("victim", p => p.Status.Phase == "Failed" && p.Status.ContainerStatuses?[0].State?.Terminated is not null,
            "evicted", tick: TimeSpan.FromSeconds(5));

        Assert.Equal("Evicted", pod.Status.Reason);
        Assert.StartsWith("The node was low on resource: memory. Threshold quantity: 1000Ti, available: ", pod.Status.Message);
        var disruption = Assert.Single(pod.Status.Conditions!, c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "TerminationByKubelet"), (disruption.Status, disruption.Reason));
        var stop = h.Runtime.Locked(r => r.Stops.Single());
        Assert.True(stop.Timeout <= TimeSpan.FromSeconds(2), $"evicted without the grace period: stopped with {stop.Timeout}");
        await h.EventuallyEventsAsync(e => e is { Type: "Warning", Reason: "Evicted" } && e.InvolvedObject.Name == "victim");
        await h.EventuallyAsync(async () => (await h.Client.Resource<Api.Core.Node>().GetAsync(null, AgentHarness.Node)).Status.Conditions!
            .Any(c => c is { Type: "MemoryPressure", Status: "True", Reason: "KubeletHasInsufficientMemory" }), "MemoryPressure True", tick: TimeSpan.FromSeconds(10));
    }
}
