using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Client;

namespace Orca.Controllers.Jobs;

/// <summary>
/// Exact counting with the tracking finalizer, in the order that makes a crash at any point harmless:
/// (1) write the uids of newly finished pods to status.uncountedTerminatedPods (with any interim
/// FailureTarget / SuccessCriteriaMet condition); (2) remove the pods' finalizers; (3) move every uncounted
/// uid whose pod no longer has the finalizer into succeeded/failed; (4) once nothing is uncounted and no pod
/// is terminating, add Complete or Failed. A pod is counted only while it holds the finalizer and is not in
/// the uncounted lists, and counted for good only once its finalizer is gone — so neither a lost write nor a
/// deleted pod changes the totals.
/// </summary>
internal sealed partial class JobController
{
    private static readonly string RemoveFinalizerPatch =
        "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"" + JobPods.TrackingFinalizer + "\"]}}";

    private async Task TrackAsync(JobSyncState state, bool needsFlush, CancellationToken ct)
    {
        var job = state.Job;
        var withFinalizer = state.Pods.Where(state.IsTracked).Select(p => p.Metadata.Uid!).ToHashSet();
        needsFlush |= CountUncounted(job.Status, withFinalizer);
        var (toRemove, newIndexes, changed) = Collect(state);
        needsFlush |= changed;
        if (state.IsIndexed) needsFlush |= WriteIndexes(state, newIndexes);
        needsFlush |= AddInterimCondition(state);

        if (needsFlush)
        {
            state.Job = job = await _jobClient.UpdateStatusAsync(job, ct);
            _backoff.Set(state.Key, state.NewBackoff);
            needsFlush = false;
        }
        var (removed, removeError) = await RemoveFinalizersAsync(state.Key, toRemove, ct);
        withFinalizer.ExceptWith(removed);
        needsFlush |= CountUncounted(job.Status, withFinalizer);
        if (removeError is not null)
        {
            if (needsFlush) await _jobClient.UpdateStatusAsync(job, ct);
            throw removeError;
        }
        var finished = EnactFinished(state);
        if (!needsFlush && !finished) return;
        state.Job = await _jobClient.UpdateStatusAsync(job, ct);
        if (finished) RecordFinished(state.Job, state.Finished!);
    }

    /// <summary>
    /// The tracked pods whose finalizer may go (finished, or the whole job is ending) and adds the uncounted ones
    /// to the status lists; Indexed jobs record succeeded indexes instead of uids. Pods an Ignore rule matches
    /// lose the finalizer without being counted.
    /// </summary>
    private static (List<Pod> Remove, List<int> NewIndexes, bool Changed) Collect(JobSyncState state)
    {
        var job = state.Job;
        var status = job.Status;
        var uncounted = status.UncountedTerminatedPods ??= new UncountedTerminatedPods();
        var remove = new List<Pod>();
        var newIndexes = new List<int>();
        var changed = false;
        var ending = job.Metadata.DeletionTimestamp is not null || state.Finished is not null;
        var failing = state.Finished is not null && state.Finished.Type != JobConditions.SuccessCriteriaMet;
        foreach (var pod in state.Pods.Where(state.IsTracked).OrderBy(p => JobPods.CompletionIndex(p) ?? int.MaxValue))
        {
            var uid = pod.Metadata.Uid!;
            var failed = JobPods.IsFailed(pod, job);
            if (!ending && !JobPods.IsSucceeded(pod) && !failed) continue;
            remove.Add(pod);
            if (JobPods.IsSucceeded(pod) && !state.UncountedFailed.Contains(uid))
            {
                if (state.IsIndexed)
                {
                    if (JobPods.HasValidIndex(pod, job) && JobPods.CompletionIndex(pod) is { } i && !state.PreviousSucceededIndexes.Contains(i))
                    {
                        newIndexes.Add(i);
                        changed = true;
                    }
                }
                else if (state.UncountedSucceeded.Add(uid))
                {
                    (uncounted.Succeeded ??= []).Add(uid);
                    changed = true;
                }
            }
            else if ((failed || failing) && !state.UncountedFailed.Contains(uid) && (!state.IsIndexed || JobPods.HasValidIndex(pod, job))
                && PodFailurePolicies.Match(job.Spec.PodFailurePolicy, pod).Counts)
            {
                state.UncountedFailed.Add(uid);
                (uncounted.Failed ??= []).Add(uid);
                changed = true;
            }
        }
        return (remove, newIndexes, changed);
    }

    /// <summary>status.completedIndexes, succeeded (their count) and failedIndexes; true when they changed.</summary>
    private static bool WriteIndexes(JobSyncState state, List<int> newIndexes)
    {
        var status = state.Job.Status;
        state.SucceededIndexes.UnionWith(newIndexes);
        var completed = CompletionIndexes.Format(state.SucceededIndexes);
        var failed = state.FailedIndexes.Count == 0 && status.FailedIndexes is null ? null : CompletionIndexes.Format(state.FailedIndexes);
        var changed = completed != (status.CompletedIndexes ?? "") || failed != status.FailedIndexes || status.Succeeded != state.SucceededIndexes.Count;
        status.CompletedIndexes = completed;
        status.FailedIndexes = failed;
        status.Succeeded = state.SucceededIndexes.Count;
        return changed;
    }

    /// <summary>
    /// Writes the interim FailureTarget or SuccessCriteriaMet condition before any finalizer goes, and turns the
    /// decision into the final Failed / Complete condition (same reason and message). True when one was added.
    /// </summary>
    private bool AddInterimCondition(JobSyncState state)
    {
        var job = state.Job;
        var now = Time.GetUtcNow();
        if (state.Finished is not { } target) return false;
        var added = false;
        if (target.Type is JobConditions.FailureTarget or JobConditions.SuccessCriteriaMet)
        {
            added = JobConditions.Ensure(job, target.Type, "True", target.Reason, target.Message, now);
            var final = target.Type == JobConditions.FailureTarget ? JobConditions.Failed : JobConditions.Complete;
            state.Finished = JobConditions.New(final, "True", target.Reason, target.Message, now);
        }
        return added;
    }

    /// <summary>Moves uncounted uids whose pods no longer hold the finalizer into the counters. True when any moved.</summary>
    private static bool CountUncounted(JobStatus status, HashSet<string> withFinalizer)
    {
        var uncounted = status.UncountedTerminatedPods ??= new UncountedTerminatedPods();
        var succeeded = uncounted.Succeeded?.Where(withFinalizer.Contains).ToList();
        var failed = uncounted.Failed?.Where(withFinalizer.Contains).ToList();
        var movedSucceeded = (uncounted.Succeeded?.Count ?? 0) - (succeeded?.Count ?? 0);
        var movedFailed = (uncounted.Failed?.Count ?? 0) - (failed?.Count ?? 0);
        status.Succeeded = (status.Succeeded ?? 0) + movedSucceeded;
        status.Failed = (status.Failed ?? 0) + movedFailed;
        status.Ready ??= 0;
        uncounted.Succeeded = succeeded is { Count: > 0 } ? succeeded : null;
        uncounted.Failed = failed is { Count: > 0 } ? failed : null;
        return movedSucceeded + movedFailed > 0;
    }

    /// <summary>Adds the final Complete / Failed condition once every outcome is counted and no pod is terminating.</summary>
    private bool EnactFinished(JobSyncState state)
    {
        if (state.Finished is not { } final) return false;
        var uncounted = state.Job.Status.UncountedTerminatedPods;
        if ((uncounted?.Succeeded?.Count ?? 0) + (uncounted?.Failed?.Count ?? 0) > 0 || state.Terminating > 0) return false;
        var job = state.Job;
        JobConditions.Ensure(job, final.Type, final.Status, final.Reason, final.Message, Time.GetUtcNow());
        if (final.Type == JobConditions.Complete) job.Status.CompletionTime = JobConditions.Find(job, JobConditions.Complete)!.LastTransitionTime;
        return true;
    }

    private void RecordFinished(Api.Batch.Job job, JobCondition final)
    {
        if (final.Type == JobConditions.Complete)
        {
            if (job.Spec.Completions is { } c && (job.Status.Succeeded ?? 0) > c)
                _recorder.Event(job, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached");
            _recorder.Event(job, "Normal", "Completed", "Job completed");
        }
        else _recorder.Event(job, "Warning", final.Reason ?? "", final.Message ?? "");
    }

    /// <summary>
    /// Removes the tracking finalizer from <paramref name="pods"/> in parallel, expecting to see each removal.
    /// Returns the uids now without it (a pod already gone counts) and the first error.
    /// </summary>
    private async Task<(HashSet<string> Removed, Exception? Error)> RemoveFinalizersAsync(string key, List<Pod> pods, CancellationToken ct)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        if (pods.Count == 0) return (removed, null);
        _finalizerExpectations.Expect(key, pods.Select(p => p.Metadata.Uid!));
        var results = await Task.WhenAll(pods.Select(async pod =>
        {
            try
            {
                await PatchOutFinalizerAsync(pod, ct);
                return (Uid: pod.Metadata.Uid!, Error: (Exception?)null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _finalizerExpectations.Observed(key, pod.Metadata.Uid!);
                return (Uid: pod.Metadata.Uid!, Error: e);
            }
        }));
        removed.UnionWith(results.Where(r => r.Error is null).Select(r => r.Uid));
        return (removed, results.Select(r => r.Error).FirstOrDefault(e => e is not null));
    }

    /// <summary>Strategic-merge deletes the finalizer from the pod's list (other finalizers stay); a gone pod is fine.</summary>
    private async Task PatchOutFinalizerAsync(Pod pod, CancellationToken ct)
    {
        try
        {
            await _podControl.Pods.PatchAsync(pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, RemoveFinalizerPatch, ct: ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }
}
