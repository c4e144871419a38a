using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Api.Batch;

/// <summary>batch/v1 CronJob: a Job created on a schedule.</summary>
[Doc("Creates Jobs on a repeating cron schedule.")]
public sealed record CronJob : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Schedule and job template.")]
    public CronJobSpec Spec { get; set; } = new();
    [Doc("Active jobs and the last schedule times.")]
    public CronJobStatus Status { get; set; } = new();
}

/// <summary>batch/v1 CronJobList.</summary>
public sealed record CronJobList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<CronJob> Items { get; set; } = new();
}

/// <summary>batch/v1 CronJobSpec.</summary>
public sealed record CronJobSpec
{
    [Doc("The schedule in cron format, e.g. \"*/5 * * * *\" or \"@hourly\".")]
    [ApiRequired] public string Schedule { get; set; } = "";
    [Doc("IANA time zone the schedule is read in; the controller's zone when unset.")]
    public string? TimeZone { get; set; }
    [Doc("Seconds after a missed start time within which the job may still start.")]
    public long? StartingDeadlineSeconds { get; set; }
    [Doc("Allow (default), Forbid or Replace: what to do when the previous job still runs.")]
    public string? ConcurrencyPolicy { get; set; }
    [Doc("Whether later runs are suspended; defaults to false.")]
    public bool? Suspend { get; set; }
    [Doc("The job created at each scheduled time.")]
    [ApiRequired] public JobTemplateSpec JobTemplate { get; set; } = new();
    [Doc("Successful finished jobs to keep; defaults to 3.")]
    public int? SuccessfulJobsHistoryLimit { get; set; }
    [Doc("Failed finished jobs to keep; defaults to 1.")]
    public int? FailedJobsHistoryLimit { get; set; }
}

/// <summary>batch/v1 CronJobStatus.</summary>
public sealed record CronJobStatus
{
    [Doc("The jobs that are running now.")]
    [ListType("atomic")] public List<ObjectReference>? Active { get; set; }
    public DateTimeOffset? LastScheduleTime { get; set; }
    public DateTimeOffset? LastSuccessfulTime { get; set; }
}
