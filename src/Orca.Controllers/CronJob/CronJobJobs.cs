using System.Globalization;
using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Controllers.Framework;
using Orca.Controllers.Jobs;

namespace Orca.Controllers.CronJobs;

/// <summary>The jobs a CronJob makes: their names, the scheduled-time annotation, and how finished ones are read.</summary>
internal static class CronJobJobs
{
    /// <summary>The scheduled time (RFC 3339, in the CronJob's time zone) on every job a CronJob creates.</summary>
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    /// <summary>"&lt;cronjob&gt;-&lt;minutes since the epoch of the scheduled time&gt;": the same time gives the same name, so a job is never made twice.</summary>
    public static string Name(string cronJob, DateTimeOffset scheduled) =>
        cronJob + "-" + (scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);

    /// <summary>The job for <paramref name="scheduled"/>: the template's labels, annotations and spec, owned by the CronJob.</summary>
    public static Api.Batch.Job FromTemplate(Api.Batch.CronJob cj, DateTimeOffset scheduled, TimeZoneInfo zone)
    {
        var template = cj.Spec.JobTemplate;
        var annotations = template.Metadata?.Annotations is { } a ? new Dictionary<string, string>(a) : [];
        annotations[ScheduledTimestampAnnotation] = Rfc3339(TimeZoneInfo.ConvertTime(scheduled, zone));
        return new Api.Batch.Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new ObjectMeta
            {
                Name = Name(cj.Metadata.Name!, scheduled),
                Namespace = cj.Metadata.Namespace,
                Labels = template.Metadata?.Labels is { } l ? new Dictionary<string, string>(l) : null,
                Annotations = annotations,
                OwnerReferences = [ControllerRefs.For(cj, "batch/v1", "CronJob")],
            },
            Spec = ApiJson.Clone(template.Spec ?? new JobSpec()),
        };
    }

    /// <summary>Go's time.RFC3339: "2025-01-01T09:00:00Z", or with the zone's offset "+01:00".</summary>
    public static string Rfc3339(DateTimeOffset t) =>
        t.Offset == TimeSpan.Zero ? t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A reference for status.active.</summary>
    public static ObjectReference Reference(Api.Batch.Job job) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Namespace = job.Metadata.Namespace,
        Name = job.Metadata.Name,
        Uid = job.Metadata.Uid,
        ResourceVersion = job.Metadata.ResourceVersion,
    };

    /// <summary>The finished condition type (Complete or Failed), or null while the job runs.</summary>
    public static string? FinishedType(Api.Batch.Job job) =>
        JobConditions.IsTrue(job, JobConditions.Complete) ? JobConditions.Complete
        : JobConditions.IsTrue(job, JobConditions.Failed) ? JobConditions.Failed : null;

    /// <summary>Finished jobs beyond <paramref name="limit"/>, oldest first (by start time, then creation).</summary>
    public static IEnumerable<Api.Batch.Job> BeyondLimit(IEnumerable<Api.Batch.Job> finished, int limit)
    {
        var ordered = finished.OrderBy(j => j.Status.StartTime ?? j.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue).ToList();
        return ordered.Take(Math.Max(0, ordered.Count - limit));
    }
}
