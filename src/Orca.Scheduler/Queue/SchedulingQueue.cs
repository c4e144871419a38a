using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Queue;

/// <summary>
/// Pods waiting to be scheduled, in three places:
/// <list type="bullet">
/// <item>active — ready now, ordered by the queue-sort plugin (priority, then time queued);</item>
/// <item>backoff — failed recently, waiting out 1 s doubling to 10 s per attempt, ordered by expiry;</item>
/// <item>unschedulable — turned down by plugins; moved back when a cluster event one of those plugins
/// cares about happens (or any event, when it failed for no plugin's reason), and after 5 minutes regardless.</item>
/// </list>
/// A pod is in at most one place, or popped ("in flight") while a cycle works on it. A move request
/// that happens during a pod's cycle sends that pod to backoff rather than parking it, so the event is
/// not lost. Thread-safe; timers run on the injected clock.
/// </summary>
internal sealed partial class SchedulingQueue : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly QueueOptions _options;
    private readonly Func<Pod, SchedulingFramework?> _frameworkFor;
    private readonly KeyedHeap<QueuedPodInfo> _active;
    private readonly KeyedHeap<QueuedPodInfo> _backoff;
    private readonly Dictionary<string, QueuedPodInfo> _unschedulable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly ITimer _backoffTimer;
    private readonly ITimer _flushTimer;
    private TaskCompletionSource _changed = NewSignal();
    private long _schedulingCycle;
    private long _moveRequestCycle = -1;
    private bool _closed;

    public SchedulingQueue(TimeProvider time, QueueOptions options, Func<QueuedPodInfo, QueuedPodInfo, bool> less,
        Func<Pod, SchedulingFramework?> frameworkFor)
    {
        _time = time;
        _options = options;
        _frameworkFor = frameworkFor;
        _active = new KeyedHeap<QueuedPodInfo>(p => p.Key, less);
        _backoff = new KeyedHeap<QueuedPodInfo>(p => p.Key, (a, b) => BackoffExpiry(a) < BackoffExpiry(b));
        _backoffTimer = time.CreateTimer(_ => FlushBackoffCompleted(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _flushTimer = time.CreateTimer(_ => FlushUnschedulableLeftover(), null, options.UnschedulableFlushInterval, options.UnschedulableFlushInterval);
    }

    public Nominator Nominator { get; } = new();

    /// <summary>The number of scheduling cycles started (pops).</summary>
    public long SchedulingCycle
    {
        get { lock (_lock) return _schedulingCycle; }
    }

    /// <summary>Counts per place, for logs and tests.</summary>
    public (int Active, int Backoff, int Unschedulable, int InFlight) Counts
    {
        get { lock (_lock) return (_active.Count, _backoff.Count, _unschedulable.Count, _inFlight.Count); }
    }

    /// <summary>Where the pod with this key waits now: "active", "backoff", "unschedulable", "inflight" or null.</summary>
    public string? Where(string key)
    {
        lock (_lock)
        {
            if (_active.Contains(key)) return "active";
            if (_backoff.Contains(key)) return "backoff";
            if (_unschedulable.ContainsKey(key)) return "unschedulable";
            return _inFlight.Contains(key) ? "inflight" : null;
        }
    }

    /// <summary>A new pending pod: to active, or parked when a PreEnqueue plugin (scheduling gates) holds it.</summary>
    public void Add(PodInfo pod)
    {
        lock (_lock)
        {
            Nominator.Add(pod);
            if (_inFlight.Contains(pod.Key)) return;
            var q = new QueuedPodInfo(pod, _time.GetUtcNow());
            _backoff.Remove(q.Key);
            _unschedulable.Remove(q.Key);
            MoveToActiveLocked(q);
        }
    }

    /// <summary>
    /// A pending pod changed. Where it waits its info is replaced; a parked pod whose spec or labels changed
    /// is retried (backoff or active); an unknown pod that is not in flight is added.
    /// </summary>
    public void Update(PodInfo old, PodInfo updated)
    {
        lock (_lock)
        {
            Nominator.Update(old, updated);
            var key = updated.Key;
            if (_active.Get(key) is { } a)
            {
                a.PodInfo = updated;
                _active.AddOrUpdate(a);
                return;
            }
            if (_backoff.Get(key) is { } b)
            {
                b.PodInfo = updated;
                _backoff.AddOrUpdate(b);
                return;
            }
            if (_unschedulable.TryGetValue(key, out var u))
            {
                u.PodInfo = updated;
                if (!SchedulingRelevantChange(old.Pod, updated.Pod)) return;
                _unschedulable.Remove(key);
                if (u.Gated || !IsBackingOff(u)) MoveToActiveLocked(u);
                else AddBackoffLocked(u);
                return;
            }
            if (_inFlight.Contains(key)) return;
            MoveToActiveLocked(new QueuedPodInfo(updated, _time.GetUtcNow()));
        }
    }

    /// <summary>The pod is gone or bound elsewhere: removed from every place and from the nominations.</summary>
    public void Delete(PodInfo pod)
    {
        lock (_lock)
        {
            Nominator.Delete(pod);
            _active.Remove(pod.Key);
            _backoff.Remove(pod.Key);
            _unschedulable.Remove(pod.Key);
        }
    }

    /// <summary>
    /// Waits for the next active pod and hands it out (in flight): its attempt count goes up and a new
    /// scheduling cycle starts. Returns null once closed. Cancellation throws.
    /// </summary>
    public async Task<(QueuedPodInfo Pod, long Cycle)?> PopAsync(CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_closed) return null;
                if (_active.Pop() is { } next)
                {
                    next.Attempts++;
                    _schedulingCycle++;
                    _inFlight.Add(next.Key);
                    return (next, _schedulingCycle);
                }
                wait = _changed.Task;
            }
            await wait.WaitAsync(ct);
        }
    }

    /// <summary>The cycle of a popped pod ended (bound, parked, or requeued).</summary>
    public void Done(string key)
    {
        lock (_lock) _inFlight.Remove(key);
    }

    /// <summary>
    /// Puts back a pod whose cycle failed. It goes to backoff when a move request arrived during its cycle or
    /// no plugin is to blame (a transient error); otherwise it is parked as unschedulable. A pod that was
    /// deleted or updated meanwhile (already queued again) is left where it is.
    /// </summary>
    public void AddUnschedulableIfNotPresent(QueuedPodInfo pod, long podCycle)
    {
        lock (_lock)
        {
            _inFlight.Remove(pod.Key);
            if (_active.Contains(pod.Key) || _backoff.Contains(pod.Key) || _unschedulable.ContainsKey(pod.Key)) return;
            pod.Timestamp = _time.GetUtcNow();
            var rejectors = pod.UnschedulablePlugins.Count + pod.PendingPlugins.Count;
            if (_moveRequestCycle >= podCycle || rejectors == 0) AddBackoffLocked(pod);
            else _unschedulable[pod.Key] = pod;
        }
    }

    /// <summary>Stops handing out pods; waiting pops return null.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Signal();
        }
    }

    public void Dispose()
    {
        Close();
        _backoffTimer.Dispose();
        _flushTimer.Dispose();
    }

    private void MoveToActiveLocked(QueuedPodInfo pod)
    {
        var fw = _frameworkFor(pod.PodInfo.Pod);
        var gate = fw?.RunPreEnqueuePlugins(pod.PodInfo) ?? Status.Success;
        if (!gate.IsSuccess)
        {
            pod.Gated = true;
            pod.UnschedulablePlugins = new HashSet<string>(StringComparer.Ordinal) { gate.Plugin ?? "" };
            _unschedulable[pod.Key] = pod;
            return;
        }
        pod.Gated = false;
        _active.AddOrUpdate(pod);
        Signal();
    }

    private void AddBackoffLocked(QueuedPodInfo pod)
    {
        _backoff.AddOrUpdate(pod);
        ArmBackoffTimer();
    }

    /// <summary>Whether an update matters for scheduling: anything but status and bookkeeping metadata.</summary>
    private static bool SchedulingRelevantChange(Pod old, Pod updated)
    {
        if (!ReferenceEquals(old.Spec, updated.Spec) && !Api.Json.ApiJson.Serialize(old.Spec).AsSpan().SequenceEqual(Api.Json.ApiJson.Serialize(updated.Spec))) return true;
        return !LabelsEqual(old.Metadata.Labels, updated.Metadata.Labels);
    }

    private static bool LabelsEqual(Dictionary<string, string>? a, Dictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? []).All(kv => b is not null && b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private void Signal()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
