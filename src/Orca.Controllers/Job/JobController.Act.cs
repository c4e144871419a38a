using Orca.Api.Batch;
using Orca.Api.Core;

namespace Orca.Controllers.Jobs;

/// <summary>Acting on a decision: ending a finished job's pods, or managing a running job's pods and its Suspended condition.</summary>
internal sealed partial class JobController
{
    private async Task ActAsync(JobSyncState state, bool satisfied, CancellationToken ct)
    {
        var job = state.Job;
        var startTime = job.Status.StartTime;
        var active = state.Active.Count;
        var suspendChanged = false;
        Exception? manageError = null;
        if (state.Finished is not null)
        {
            // A failing job's running pods are deleted with their finalizers kept, so they are counted as failed.
            var (ready, deleted, error) = await DeletePodsAsync(state, state.Active, removeFinalizer: false, ct);
            if (deleted != active || !satisfied) state.Finished = null;
            active -= deleted;
            state.Terminating += deleted;
            state.Ready -= ready;
            manageError = error;
        }
        else
        {
            var managed = false;
            if (satisfied && job.Metadata.DeletionTimestamp is null)
            {
                (active, manageError) = await ManageAsync(state, ct);
                managed = true;
            }
            var complete = job.Spec.Completions is { } completions
                ? state.Succeeded >= completions && active == 0
                : state.Succeeded > 0 && active == 0;
            if (complete)
                state.Finished = JobConditions.New(JobConditions.SuccessCriteriaMet, "True", JobConditions.CompletionsReached, JobConditions.CompletionsMessage, Time.GetUtcNow());
            else if (managed) suspendChanged = UpdateSuspended(job);
        }
        var needsUpdate = suspendChanged || startTime != job.Status.StartTime || active != (job.Status.Active ?? 0)
            || state.Ready != job.Status.Ready || state.Terminating != job.Status.Terminating;
        job.Status.Active = active;
        job.Status.Ready = state.Ready;
        job.Status.Terminating = state.Terminating;
        await TrackAsync(state, needsUpdate, ct);
        if (manageError is not null) throw manageError;
    }

    /// <summary>
    /// Suspended=True (reason JobSuspended) while suspended; on resume Suspended=False (JobResumed) and a new
    /// startTime, so activeDeadlineSeconds counts continuous activity. True when the condition changed.
    /// </summary>
    private bool UpdateSuspended(Api.Batch.Job job)
    {
        var now = Time.GetUtcNow();
        if (job.Spec.Suspend == true)
        {
            if (!JobConditions.Ensure(job, JobConditions.Suspended, "True", "JobSuspended", "Job suspended", now)) return false;
            _recorder.Event(job, "Normal", "Suspended", "Job suspended");
            return true;
        }
        if (!JobConditions.Ensure(job, JobConditions.Suspended, "False", "JobResumed", "Job resumed", now)) return false;
        _recorder.Event(job, "Normal", "Resumed", "Job resumed");
        job.Status.StartTime = Seconds(now);
        return true;
    }

    /// <summary>
    /// Deletes <paramref name="pods"/> in parallel. With <paramref name="removeFinalizer"/> (suspension, excess
    /// pods) the tracking finalizer goes first, so the pods are not counted as failures. Returns how many of the
    /// deleted pods were ready, how many were deleted, and the first error.
    /// </summary>
    private async Task<(int Ready, int Deleted, Exception? Error)> DeletePodsAsync(JobSyncState state, IReadOnlyList<Pod> pods, bool removeFinalizer, CancellationToken ct)
    {
        if (pods.Count == 0) return (0, 0, null);
        LogDeleting(Logger, state.Key, pods.Count);
        var results = await Task.WhenAll(pods.Select(async pod =>
        {
            try
            {
                if (removeFinalizer && JobPods.HasTrackingFinalizer(pod)) await PatchOutFinalizerAsync(pod, ct);
                await _podControl.DeleteAsync(pod, state.Job, ct);
                return (Pod: pod, Error: (Exception?)null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (removeFinalizer) _expectations.DeletionObserved(state.Key, pod.Metadata.Uid!);
                return (Pod: pod, Error: e);
            }
        }));
        var deleted = results.Where(r => r.Error is null).Select(r => r.Pod).ToList();
        return (deleted.Count(JobPods.IsReady), deleted.Count, results.Select(r => r.Error).FirstOrDefault(e => e is not null));
    }
}
