using Microsoft.Extensions.Logging;
using Orca.Agent.Node;
using Orca.Agent.Pods;
using Orca.Api.Core;

namespace Orca.Agent.Eviction;

/// <summary>A pod the evictor may choose: running on this node, not being deleted, not already failed.</summary>
internal sealed record EvictionCandidate(Pod Pod, bool IsStatic);

/// <summary>
/// Node-pressure eviction, as the kubelet's eviction manager does it with hard thresholds: every
/// monitoring period the node is observed; a crossed threshold sets its node condition (MemoryPressure
/// or DiskPressure), which stays True until the pressure transition period has passed without the
/// threshold being crossed again. While a threshold is crossed, disk pressure is first relieved at
/// node level (unused images are removed); then one pod per period is evicted, chosen by
/// <see cref="EvictionRanking"/>: it fails with reason Evicted, the kubelet's message and a Warning
/// event, and its containers are stopped at once. Critical pods (static pods, priority of
/// system-critical or more) are never chosen. One loop; <see cref="MemoryPressure"/> and
/// <see cref="DiskPressure"/> may be read from any thread.
/// </summary>
internal sealed class EvictionManager(
    IReadOnlyList<EvictionThreshold> thresholds,
    Func<CancellationToken, Task<NodeObservations>> observe,
    Func<IReadOnlyList<EvictionCandidate>> candidates,
    Func<Pod, string, CancellationToken, Task<PodUsage>> usage,
    Func<CancellationToken, Task> reclaimDisk,
    Action<Pod, PodVerdict> evict,
    PodEventSink podEvents, NodeEventSink nodeEvents, string nodeName,
    AgentOptions options, TimeProvider time, ILogger logger)
{
    public const string Reason = "Evicted";
    private const int SystemCriticalPriority = 2_000_000_000;

    private readonly Dictionary<string, DateTimeOffset> _lastObserved = new(StringComparer.Ordinal);
    private volatile bool _memoryPressure;
    private volatile bool _diskPressure;

    public bool MemoryPressure => _memoryPressure;

    public bool DiskPressure => _diskPressure;

    public async Task RunAsync(CancellationToken ct)
    {
        do
        {
            try
            {
                await SynchronizeAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Log.EvictionFailed(logger, e);
            }
        }
        while (await Clock.DelayAsync(time, options.EvictionMonitoringPeriod, ct));
    }

    /// <summary>One pass: observe, update the pressure conditions, and evict at most one pod. Returns the evicted pod, or null.</summary>
    public async Task<Pod?> SynchronizeAsync(CancellationToken ct)
    {
        var observations = await observe(ct);
        var crossed = Crossed(observations);
        UpdateConditions(crossed);
        if (crossed.Count == 0) return null;
        var threshold = crossed[0];
        if (threshold.Signal != EvictionSignals.MemoryAvailable)
        {
            await reclaimDisk(ct);
            observations = await observe(ct);
            if (!Crossed(observations).Any(t => t.Signal == threshold.Signal)) return null;
        }
        var (available, capacity) = observations.Of(threshold.Signal);
        Log.ThresholdCrossed(logger, threshold.ToString(), available);
        var resource = EvictionSignals.Resource(threshold.Signal);
        var pods = candidates().Where(c => !c.IsStatic && (c.Pod.Spec.Priority ?? 0) < SystemCriticalPriority).ToList();
        var usages = new List<PodUsage>();
        foreach (var c in pods) usages.Add(await usage(c.Pod, resource, ct));
        if (EvictionRanking.Rank(usages).FirstOrDefault() is not { } victim)
        {
            Log.NothingToEvict(logger, threshold.ToString());
            return null;
        }
        var message = EvictionRanking.Message(resource, threshold, available, capacity, victim);
        Log.Evicting(logger, $"{victim.Pod.Metadata.Namespace}/{victim.Pod.Metadata.Name}", message);
        podEvents(victim.Pod, "Warning", Reason, message);
        evict(victim.Pod, new PodVerdict(Reason, message, TimeSpan.Zero, DisruptionTarget: true));
        return victim.Pod;
    }

    /// <summary>Crossed thresholds, memory first (the kubelet reclaims memory before disk).</summary>
    private List<EvictionThreshold> Crossed(NodeObservations observations) =>
        thresholds.Where(t =>
            {
                var (available, capacity) = observations.Of(t.Signal);
                return capacity > 0 && available < t.Value(capacity);
            })
            .OrderBy(t => t.Signal == EvictionSignals.MemoryAvailable ? 0 : 1)
            .ToList();

    private void UpdateConditions(List<EvictionThreshold> crossed)
    {
        var now = time.GetUtcNow();
        foreach (var t in crossed) _lastObserved[EvictionSignals.Condition(t.Signal)] = now;
        bool Holds(string condition) => _lastObserved.TryGetValue(condition, out var at) && now - at < options.EvictionPressureTransitionPeriod;
        var memory = Holds("MemoryPressure");
        var disk = Holds("DiskPressure");
        if (memory != _memoryPressure) nodeEvents("Normal", memory ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory", $"Node {nodeName} status is now: {(memory ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory")}");
        if (disk != _diskPressure) nodeEvents("Normal", disk ? "NodeHasDiskPressure" : "NodeHasNoDiskPressure", $"Node {nodeName} status is now: {(disk ? "NodeHasDiskPressure" : "NodeHasNoDiskPressure")}");
        (_memoryPressure, _diskPressure) = (memory, disk);
    }
}
