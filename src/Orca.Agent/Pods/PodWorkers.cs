using Microsoft.Extensions.Logging;
using Orca.Agent.Status;
using Orca.Api.Core;
using Orca.Client;

namespace Orca.Agent.Pods;

/// <summary>
/// The pod workers: sources (API informer, static manifests) report pods by uid; each report enqueues
/// the uid; workers pop uids from one <see cref="WorkQueue{TKey}"/> (so a pod is never synced by two at
/// once) and run the pod's state machine (<see cref="PodWorkerState"/>). A failed sync is retried with
/// the queue's rate limiter. Thread-safe.
/// </summary>
internal sealed partial class PodWorkers(
    PodSyncer syncer, PodTerminator terminator, PodStatusBuilder statuses, StatusWriter writer,
    WorkQueue<string> queue, ActiveDeadline deadline, AgentOptions options, ILogger logger, PodAdmitter? admitter = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodRecord> _pods = new(StringComparer.Ordinal);

    /// <summary>Known uids (for garbage collection: sandboxes of other uids are orphans).</summary>
    public IReadOnlySet<string> KnownUids()
    {
        lock (_lock) return _pods.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A source reports the pod's latest version.</summary>
    public void Update(Pod pod, bool isStatic)
    {
        var uid = pod.Metadata.Uid ?? "";
        if (uid.Length == 0) return;
        lock (_lock)
        {
            if (_pods.TryGetValue(uid, out var rec)) rec.Pod = pod;
            else _pods[uid] = new PodRecord(pod, isStatic) { Verdict = PodVerdict.FromStatus(pod.Status) ?? Admit(pod, isStatic) };
        }
        queue.Add(uid);
    }

    /// <summary>
    /// A pod new to the agent that never started here is admitted against the pods already admitted (in the
    /// order the sources report them, as the kubelet does); one that already started (an agent restart) stays.
    /// </summary>
    private PodVerdict? Admit(Pod pod, bool isStatic)
    {
        if (admitter is null || isStatic || pod.Status.StartTime is not null || pod.Status.Phase is "Succeeded" or "Failed"
            || pod.Metadata.DeletionTimestamp is not null)
            return null;
        var admitted = _pods.Values
            .Where(r => !r.Gone && r.Verdict is null && r.State is not (PodWorkerState.Finished or PodWorkerState.Terminated)
                && r.Pod.Status.Phase is not ("Succeeded" or "Failed"))
            .Select(r => r.Pod)
            .ToList();
        return admitter.Admit(pod, admitted);
    }

    /// <summary>A source no longer has the pod: its containers are stopped and its sandbox removed.</summary>
    public void Remove(string uid)
    {
        lock (_lock)
        {
            if (!_pods.TryGetValue(uid, out var rec)) return;
            rec.Gone = true;
        }
        queue.Add(uid);
    }

    /// <summary>Pods that run and may be evicted: syncing, not being deleted or removed, not already failed by the agent.</summary>
    public IReadOnlyList<Eviction.EvictionCandidate> EvictionCandidates()
    {
        lock (_lock)
        {
            return _pods.Values
                .Where(r => r.State == PodWorkerState.Syncing && !r.Gone && r.Verdict is null && r.Pod.Metadata.DeletionTimestamp is null)
                .Select(r => new Eviction.EvictionCandidate(r.Pod, r.IsStatic))
                .ToList();
        }
    }

    /// <summary>Fails a pod with the agent's verdict (eviction); its worker stops it on the next sync. A pod already failed keeps its first verdict.</summary>
    public void Fail(string uid, PodVerdict verdict)
    {
        lock (_lock)
        {
            if (!_pods.TryGetValue(uid, out var rec) || rec.Verdict is not null) return;
            rec.Verdict = verdict;
        }
        queue.Add(uid);
    }

    public void Enqueue(string uid) => queue.Add(uid);

    public void EnqueueAll()
    {
        foreach (var uid in KnownUids()) queue.Add(uid);
    }

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(Enumerable.Range(0, options.Workers).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            string uid;
            try
            {
                (uid, var shutDown) = await queue.GetAsync(ct);
                if (shutDown) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var after = await ProcessAsync(uid, ct);
                queue.Forget(uid);
                if (after is { } a) queue.AddAfter(uid, a);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Log.SyncFailed(logger, Name(uid), uid, e);
                queue.AddRateLimited(uid);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                queue.Done(uid);
            }
        }
    }

    private string Name(string uid)
    {
        lock (_lock) return _pods.TryGetValue(uid, out var r) ? $"{r.Pod.Metadata.Namespace}/{r.Pod.Metadata.Name}" : uid;
    }

    private PodRecord? Record(string uid)
    {
        lock (_lock) return _pods.GetValueOrDefault(uid);
    }

    private void Forget(string uid)
    {
        lock (_lock) _pods.Remove(uid);
    }

    private void Move(PodRecord rec, PodWorkerState to)
    {
        if (rec.State == to) return;
        Log.WorkerState(logger, $"{rec.Pod.Metadata.Namespace}/{rec.Pod.Metadata.Name}", rec.Uid, rec.State.ToString(), to.ToString());
        rec.State = PodWorkerTransitions.Move(rec.State, to);
    }
}
