using Orca.Api.Batch;
using Orca.Api.Core;

namespace Orca.Controllers.Jobs;

/// <summary>Reading a job's pods into counts, and deciding whether the job has failed or succeeded.</summary>
internal sealed partial class JobController
{
    /// <summary>Counts the job's pods: active, terminating, ready, and the outcomes not yet in its status.</summary>
    private JobSyncState Observe(string key, Api.Batch.Job job, List<Pod> pods)
    {
        var uncounted = job.Status.UncountedTerminatedPods;
        var state = new JobSyncState(key, job, pods)
        {
            ExpectedRemovals = _finalizerExpectations.Pending(key),
            UncountedSucceeded = [.. uncounted?.Succeeded ?? []],
            UncountedFailed = [.. uncounted?.Failed ?? []],
        };
        state.Active = pods.Where(JobPods.IsActive).ToList();
        state.Terminating = pods.Count(JobPods.IsTerminating);
        state.Ready = state.Active.Count(JobPods.IsReady);
        var newSucceeded = NewlyFinished(state, state.UncountedSucceeded, JobPods.IsSucceeded);
        var newFailed = NewlyFinished(state, state.UncountedFailed, p => JobPods.IsFailed(p, job));
        state.Succeeded = (job.Status.Succeeded ?? 0) + newSucceeded.Count + state.UncountedSucceeded.Count;
        state.Failed = (job.Status.Failed ?? 0) + newFailed.Count(p => PodFailurePolicies.Match(job.Spec.PodFailurePolicy, p).Counts) + state.UncountedFailed.Count;
        var now = Time.GetUtcNow();
        if (job.Status.StartTime is null && job.Spec.Suspend != true) job.Status.StartTime = Seconds(now);
        state.NewBackoff = _backoff.Next(key, newSucceeded, newFailed, now);
        if (state.IsIndexed)
        {
            var completions = job.Spec.Completions ?? 0;
            state.PreviousSucceededIndexes = CompletionIndexes.Parse(job.Status.CompletedIndexes, completions);
            state.SucceededIndexes = new SortedSet<int>(state.PreviousSucceededIndexes);
            // Every succeeded pod's index is done, tracked or not: an untracked one was counted before its
            // finalizer went, and the job in the cache may not show that status write yet (a new pod for the
            // index would be made again).
            foreach (var pod in pods.Where(JobPods.IsSucceeded))
                if (JobPods.CompletionIndex(pod) is { } i && i < completions) state.SucceededIndexes.Add(i);
            state.Succeeded = state.SucceededIndexes.Count;
            state.FailedIndexes = CompletionIndexes.Parse(job.Status.FailedIndexes, completions);
            foreach (var pod in newFailed.Where(p => PodFailurePolicies.Match(job.Spec.PodFailurePolicy, p).Action == "FailIndex"))
                if (JobPods.CompletionIndex(pod) is { } i && i < completions && !state.SucceededIndexes.Contains(i)) state.FailedIndexes.Add(i);
        }
        return state;
    }

    /// <summary>Tracked pods (with a valid index, when Indexed) that finished in the given way and are not counted yet.</summary>
    private static List<Pod> NewlyFinished(JobSyncState state, HashSet<string> uncounted, Func<Pod, bool> finished) => state.Pods
        .Where(p => state.IsTracked(p) && !uncounted.Contains(p.Metadata.Uid!)
            && (!state.IsIndexed || JobPods.HasValidIndex(p, state.Job)) && finished(p))
        .ToList();

    /// <summary>
    /// The condition the job is heading for: an earlier SuccessCriteriaMet or FailureTarget stays; otherwise a
    /// podFailurePolicy FailJob match, too many failures (backoffLimit, or container restarts of OnFailure pods),
    /// the active deadline, or — for Indexed jobs with FailIndex rules — every index finished with some failed.
    /// Success is decided after the pods are managed.
    /// </summary>
    private void Decide(JobSyncState state)
    {
        var job = state.Job;
        var now = Time.GetUtcNow();
        if (JobConditions.Find(job, JobConditions.SuccessCriteriaMet) is { Status: "True" } met)
        {
            state.Finished = met;
            return;
        }
        if (JobConditions.Find(job, JobConditions.FailureTarget) is { Status: "True" } target)
            state.Finished = JobConditions.New(JobConditions.Failed, "True", target.Reason, target.Message, now);
        else if (FailJobMessage(job, state.Pods) is { } message)
            state.Finished = JobConditions.New(JobConditions.FailureTarget, "True", JobConditions.PodFailurePolicy, message, now);
        if (state.Finished is not null) return;
        if (state.Failed > (job.Spec.BackoffLimit ?? 6) || PastBackoffLimitOnFailure(job, state.Pods))
            state.Finished = Failure(JobConditions.BackoffLimitExceeded, JobConditions.BackoffLimitMessage, now);
        else if (Deadline(job) is { } deadline)
        {
            if (now >= deadline) state.Finished = Failure(JobConditions.DeadlineExceeded, JobConditions.DeadlineMessage, now);
            else EnqueueAt(state.Key, deadline);
        }
        if (state.Finished is null && state.IsIndexed && state.FailedIndexes.Count > 0
            && state.FailedIndexes.Count + state.SucceededIndexes.Count >= (job.Spec.Completions ?? 0))
            state.Finished = Failure(JobConditions.FailedIndexes, JobConditions.FailedIndexesMessage, now);
    }

    private static Api.Batch.JobCondition Failure(string reason, string message, DateTimeOffset now) =>
        JobConditions.New(JobConditions.FailureTarget, "True", reason, message, now);

    /// <summary>When the job's activeDeadlineSeconds run out (null without a deadline, before the start, or while suspended).</summary>
    private static DateTimeOffset? Deadline(Api.Batch.Job job) =>
        job.Spec.ActiveDeadlineSeconds is { } seconds && job.Status.StartTime is { } start && job.Spec.Suspend != true
            ? start + TimeSpan.FromSeconds(seconds) : null;

    private static string? FailJobMessage(Api.Batch.Job job, List<Pod> pods)
    {
        if (job.Spec.PodFailurePolicy is null) return null;
        return pods.Where(p => JobPods.IsFailed(p, job)).Select(p => PodFailurePolicies.Match(job.Spec.PodFailurePolicy, p).FailJobMessage).FirstOrDefault(m => m is not null);
    }

    /// <summary>With restartPolicy OnFailure, container restarts of running pods count against backoffLimit.</summary>
    private static bool PastBackoffLimitOnFailure(Api.Batch.Job job, List<Pod> pods)
    {
        if (job.Spec.Template.Spec?.RestartPolicy != "OnFailure") return false;
        var restarts = JobPods.Restarts(pods);
        var limit = job.Spec.BackoffLimit ?? 6;
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    private static DateTimeOffset Seconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
