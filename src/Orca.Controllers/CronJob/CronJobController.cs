using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.CronJobs;

/// <summary>
/// The CronJob controller: at each start time of a CronJob's schedule (read in its timeZone, UTC when unset)
/// creates the job "&lt;name&gt;-&lt;minutes since epoch&gt;" from its jobTemplate — within startingDeadlineSeconds,
/// honouring concurrencyPolicy (Allow; Forbid skips while a job runs; Replace deletes the running ones) and
/// suspend — keeps status.active / lastScheduleTime / lastSuccessfulTime, and deletes finished jobs beyond the
/// history limits. Each sync asks to be woken on the injected clock just after the next start time.
/// </summary>
internal sealed partial class CronJobController : QueueController
{
    public const string ControllerName = "cronjob";
    public const string Component = "cronjob-controller";

    private readonly SharedInformer<Api.Batch.CronJob> _cronJobs;
    private readonly SharedInformer<Api.Batch.Job> _jobs;
    private readonly ResourceClient<Api.Batch.CronJob> _cronJobClient;
    private readonly ResourceClient<Api.Batch.Job> _jobClient;
    private readonly EventRecorder _recorder;
    private readonly Expectations _expectations;

    public static readonly ControllerDescriptor Descriptor = new(ControllerName,
        ctx =>
        {
            ctx.Informers.For<Api.Batch.CronJob>();
            ctx.Informers.For<Api.Batch.Job>();
        },
        ctx => new CronJobController(ctx));

    private CronJobController(ControllerContext context) : base(context, ControllerName)
    {
        _cronJobs = context.Informers.For<Api.Batch.CronJob>();
        _jobs = context.Informers.For<Api.Batch.Job>();
        _cronJobClient = context.Client.Resource<Api.Batch.CronJob>();
        _jobClient = context.Client.Resource<Api.Batch.Job>();
        _recorder = context.Recorder(Component);
        _expectations = new Expectations(context.Time);
    }

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return _cronJobs.AddEventHandler(Enqueue, (_, cj) => Enqueue(cj), cj => _expectations.Delete(ObjectKey.For(cj.Metadata.Namespace, cj.Metadata.Name!)));
        yield return _jobs.AddEventHandler(job =>
        {
            if (OwnerKey(job) is { } key) _expectations.CreationObserved(key);
            EnqueueOwner(job);
        }, (old, job) =>
        {
            EnqueueOwner(job);
            if (ControllerRefs.ControllerOf(old)?.Uid != ControllerRefs.ControllerOf(job)?.Uid) EnqueueOwner(old);
        }, EnqueueOwner);
    }

    private void EnqueueOwner(Api.Batch.Job job)
    {
        if (OwnerKey(job) is { } key) Queue.Add(key);
    }

    private static string? OwnerKey(Api.Batch.Job job) =>
        ControllerRefs.ControllerOf(job) is { Kind: "CronJob" } owner ? ObjectKey.For(job.Metadata.Namespace, owner.Name) : null;

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var cached = _cronJobs.Lister.Get(key);
        if (cached is null) return;
        var cj = ApiJson.Clone(cached);
        var jobs = _jobs.Lister.List(cj.Metadata.Namespace).Where(j => ControllerRefs.IsControlledBy(j, cj)).ToList();
        // A running job of ours that status.active does not list: the cached CronJob may predate our own status
        // write. Read it from the API server before calling the job unexpected.
        if (jobs.Any(j => CronJobJobs.FinishedType(j) is null && !(cj.Status.Active ?? []).Any(r => r.Uid == j.Metadata.Uid)))
        {
            try
            {
                cj = await _cronJobClient.GetAsync(cj.Metadata.Namespace, cj.Metadata.Name!, ct);
            }
            catch (ApiException e) when (e.IsNotFound)
            {
                return;
            }
            if (cj.Metadata.Uid != cached.Metadata.Uid) return;
        }
        var (next, changed) = await SyncCronJobAsync(cj, jobs, ct);
        changed |= await CleanupFinishedAsync(cj, jobs, ct);
        if (changed) await _cronJobClient.UpdateStatusAsync(cj, ct);
        if (next is { } at) EnqueueAt(key, at);
    }

    /// <summary>
    /// Brings status.active in line with the jobs, then starts the job of the most recent due start time if it
    /// may start. Returns when to sync again and whether the status changed.
    /// </summary>
    private async Task<(DateTimeOffset? Next, bool Changed)> SyncCronJobAsync(Api.Batch.CronJob cj, List<Api.Batch.Job> jobs, CancellationToken ct)
    {
        var changed = await ReconcileActiveAsync(cj, jobs, ct);
        if (cj.Metadata.DeletionTimestamp is not null) return (null, changed);
        if (Zone(cj) is not { } zone || cj.Spec.Suspend == true) return (null, changed);
        var schedule = CronSchedule.Parse(cj.Spec.Schedule, zone, out var error);
        if (schedule is null)
        {
            _recorder.Event(cj, "Warning", "UnparseableSchedule", $"unparseable schedule: \"{cj.Spec.Schedule}\" : {error}");
            return (null, changed);
        }
        var now = Time.GetUtcNow();
        var next = ScheduleTimes.NextSync(cj, now, schedule);
        var (_, scheduled, missed) = ScheduleTimes.MostRecent(cj, now, schedule, withStartingDeadline: true);
        if (scheduled is not { } at) return (next, changed);
        if (missed == MissedSchedules.Many)
            _recorder.Event(cj, "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        if (cj.Spec.StartingDeadlineSeconds is { } deadline && at + TimeSpan.FromSeconds(deadline) < now)
        {
            _recorder.Event(cj, "Warning", "MissSchedule", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Missed scheduled time to start a job: {at.ToUniversalTime():ddd, dd MMM yyyy HH:mm:ss} +0000"));
            return (next, changed);
        }
        var name = CronJobJobs.Name(cj.Metadata.Name!, at);
        if ((cj.Status.Active ?? []).Any(r => r.Name == name) || cj.Status.LastScheduleTime == at) return (next, changed);
        // A job we created is not in the cache yet: decide once it is (its add event syncs again).
        if (!_expectations.Satisfied(ObjectKey.For(cj.Metadata.Namespace, cj.Metadata.Name!))) return (next, changed);
        // A job of ours that has not finished counts as running even when status.active does not list it yet:
        // the CronJob in the cache may predate our own status write that added it.
        if (cj.Spec.ConcurrencyPolicy == "Forbid" && (cj.Status.Active is { Count: > 0 } || jobs.Any(j => CronJobJobs.FinishedType(j) is null)))
        {
            _recorder.Event(cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
            return (next, changed);
        }
        if (cj.Spec.ConcurrencyPolicy == "Replace")
        {
            foreach (var active in (cj.Status.Active ?? []).ToList())
            {
                await DeleteJobAsync(cj, active.Name!, ct);
                changed = true;
            }
        }
        if (await StartJobAsync(cj, at, zone, ct) is not { } job) return (next, changed);
        (cj.Status.Active ??= []).Add(CronJobJobs.Reference(job));
        cj.Status.LastScheduleTime = at;
        return (next, true);
    }

    /// <summary>The CronJob's time zone, or null (with an UnknownTimeZone event) when it names none this machine knows.</summary>
    private TimeZoneInfo? Zone(Api.Batch.CronJob cj)
    {
        if (cj.Spec.TimeZone is not { } id) return TimeZoneInfo.Utc;
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        _recorder.Event(cj, "Warning", "UnknownTimeZone", $"invalid timeZone: \"{id}\": unknown time zone {id}");
        return null;
    }

    /// <summary>Creates the job of <paramref name="at"/>; one that already exists and is ours is taken as created (null when it is not ours or already active).</summary>
    private async Task<Api.Batch.Job?> StartJobAsync(Api.Batch.CronJob cj, DateTimeOffset at, TimeZoneInfo zone, CancellationToken ct)
    {
        var job = CronJobJobs.FromTemplate(cj, at, zone);
        var key = ObjectKey.For(cj.Metadata.Namespace, cj.Metadata.Name!);
        _expectations.Expect(key, 1);
        try
        {
            var created = await _jobClient.CreateAsync(job, ct);
            _recorder.Event(cj, "Normal", "SuccessfulCreate", $"Created job {created.Metadata.Name}");
            return created;
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            _expectations.CreationObserved(key);
            var existing = await _jobClient.GetAsync(job.Metadata.Namespace, job.Metadata.Name!, ct);
            if (!ControllerRefs.IsControlledBy(existing, cj) || (cj.Status.Active ?? []).Any(r => r.Uid == existing.Metadata.Uid)) return null;
            return existing;
        }
        catch (ApiException e)
        {
            _expectations.CreationObserved(key);
            _recorder.Event(cj, "Warning", "FailedCreate", $"Error creating job: {e.Message}");
            throw;
        }
    }

    /// <summary>Deletes a job of the CronJob (background propagation) and drops it from status.active.</summary>
    private async Task DeleteJobAsync(Api.Batch.CronJob cj, string name, CancellationToken ct)
    {
        try
        {
            await _jobClient.DeleteAsync(cj.Metadata.Namespace, name, new DeleteOptions { PropagationPolicy = "Background" }, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
        catch (ApiException e)
        {
            _recorder.Event(cj, "Warning", "FailedDelete", $"Deleted job: {e.Message}");
            throw;
        }
        cj.Status.Active?.RemoveAll(r => r.Name == name);
        _recorder.Event(cj, "Normal", "SuccessfulDelete", $"Deleted job {name}");
    }
}
