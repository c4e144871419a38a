using Orca.Api.Batch;

namespace Orca.Controllers.Jobs;

/// <summary>The job conditions the controller writes, with Kubernetes' types, reasons and messages.</summary>
internal static class JobConditions
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string Suspended = "Suspended";
    public const string FailureTarget = "FailureTarget";
    public const string SuccessCriteriaMet = "SuccessCriteriaMet";

    public const string BackoffLimitExceeded = "BackoffLimitExceeded";
    public const string DeadlineExceeded = "DeadlineExceeded";
    public const string PodFailurePolicy = "PodFailurePolicy";
    public const string FailedIndexes = "FailedIndexes";
    public const string CompletionsReached = "CompletionsReached";

    public const string BackoffLimitMessage = "Job has reached the specified backoff limit";
    public const string DeadlineMessage = "Job was active longer than specified deadline";
    public const string FailedIndexesMessage = "Job has failed indexes";
    public const string CompletionsMessage = "Reached expected number of succeeded pods";

    public static JobCondition New(string type, string status, string? reason, string? message, DateTimeOffset now)
    {
        var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new JobCondition { Type = type, Status = status, Reason = reason, Message = message, LastProbeTime = at, LastTransitionTime = at };
    }

    public static JobCondition? Find(Api.Batch.Job job, string type) => job.Status.Conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(Api.Batch.Job job, string type) => Find(job, type)?.Status == "True";

    /// <summary>Complete or Failed: the job will never run pods again.</summary>
    public static bool IsFinished(Api.Batch.Job job) => IsTrue(job, Complete) || IsTrue(job, Failed);

    /// <summary>
    /// Sets the condition of <paramref name="type"/> to the given status, reason and message (a new one replaces a
    /// changed one; a False condition is never added where none was). True when the list changed.
    /// </summary>
    public static bool Ensure(Api.Batch.Job job, string type, string status, string? reason, string? message, DateTimeOffset now)
    {
        job.Status.Conditions ??= [];
        var list = job.Status.Conditions;
        var index = list.FindIndex(c => c.Type == type);
        if (index >= 0)
        {
            var c = list[index];
            if (c.Status == status && c.Reason == reason && c.Message == message) return false;
            list[index] = New(type, status, reason, message, now);
            return true;
        }
        if (status == "False") return false;
        list.Add(New(type, status, reason, message, now));
        return true;
    }
}
