using Orca.Client;

namespace Orca.Controllers.CronJobs;

/// <summary>status.active and lastSuccessfulTime from the CronJob's jobs, and the history limits.</summary>
internal sealed partial class CronJobController
{
    /// <summary>
    /// Finished jobs leave status.active (SawCompletedJob) and advance lastSuccessfulTime; active entries whose job
    /// is gone (checked against the API server, not just the cache) are dropped (MissingJob); a running job of
    /// ours that status.active does not list is reported (UnexpectedJob) but not added. True when status changed.
    /// </summary>
    private async Task<bool> ReconcileActiveAsync(Api.Batch.CronJob cj, List<Api.Batch.Job> jobs, CancellationToken ct)
    {
        var changed = false;
        var active = cj.Status.Active ?? [];
        foreach (var job in jobs)
        {
            var listed = active.Any(r => r.Uid == job.Metadata.Uid);
            var finished = CronJobJobs.FinishedType(job);
            if (!listed && finished is null)
            {
                _recorder.Event(cj, "Warning", "UnexpectedJob", $"Saw a job that the controller did not create or forgot: {job.Metadata.Name}");
                continue;
            }
            if (finished is null) continue;
            if (listed)
            {
                active.RemoveAll(r => r.Uid == job.Metadata.Uid);
                _recorder.Event(cj, "Normal", "SawCompletedJob", $"Saw completed job: {job.Metadata.Name}, condition: {finished}");
                changed = true;
            }
            if (job.Status.CompletionTime is { } done && (cj.Status.LastSuccessfulTime is not { } last || done > last))
            {
                cj.Status.LastSuccessfulTime = done;
                changed = true;
            }
        }
        foreach (var reference in active.Where(r => jobs.All(j => j.Metadata.Uid != r.Uid)).ToList())
        {
            if (!await IsGoneAsync(cj, reference.Name!, ct)) continue;
            _recorder.Event(cj, "Normal", "MissingJob", $"Active job went missing: {reference.Name}");
            active.Remove(reference);
            changed = true;
        }
        cj.Status.Active = active.Count == 0 ? null : active;
        return changed;
    }

    private async Task<bool> IsGoneAsync(Api.Batch.CronJob cj, string name, CancellationToken ct)
    {
        try
        {
            await _jobClient.GetAsync(cj.Metadata.Namespace, name, ct);
            return false;
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return true;
        }
    }

    /// <summary>Deletes the oldest finished jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit. True when any went.</summary>
    private async Task<bool> CleanupFinishedAsync(Api.Batch.CronJob cj, List<Api.Batch.Job> jobs, CancellationToken ct)
    {
        var changed = false;
        var live = jobs.Where(j => j.Metadata.DeletionTimestamp is null).ToList();
        if (cj.Spec.SuccessfulJobsHistoryLimit is { } successful)
            changed |= await DeleteAllAsync(cj, CronJobJobs.BeyondLimit(live.Where(j => CronJobJobs.FinishedType(j) == "Complete"), successful), ct);
        if (cj.Spec.FailedJobsHistoryLimit is { } failed)
            changed |= await DeleteAllAsync(cj, CronJobJobs.BeyondLimit(live.Where(j => CronJobJobs.FinishedType(j) == "Failed"), failed), ct);
        return changed;
    }

    private async Task<bool> DeleteAllAsync(Api.Batch.CronJob cj, IEnumerable<Api.Batch.Job> jobs, CancellationToken ct)
    {
        var any = false;
        foreach (var job in jobs)
        {
            await DeleteJobAsync(cj, job.Metadata.Name!, ct);
            any = true;
        }
        return any;
    }
}
