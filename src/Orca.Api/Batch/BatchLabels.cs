namespace Orca.Api.Batch;

/// <summary>Well-known labels of batch/v1 jobs.</summary>
public static class BatchLabels
{
    /// <summary>The job's uid on its generated selector and pods.</summary>
    public const string ControllerUid = "batch.kubernetes.io/controller-uid";
    /// <summary>The job's name on its pods.</summary>
    public const string JobName = "batch.kubernetes.io/job-name";
    /// <summary>The pre-1.27 forms, still set alongside the prefixed ones.</summary>
    public const string LegacyControllerUid = "controller-uid";
    public const string LegacyJobName = "job-name";
    /// <summary>The completion index of a pod of an Indexed job (label and annotation).</summary>
    public const string JobCompletionIndex = "batch.kubernetes.io/job-completion-index";
}
