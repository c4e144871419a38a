using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Api.Batch;

/// <summary>batch/v1 Job: pods that run to completion.</summary>
[Doc("Runs pods until a number of them complete successfully.")]
public sealed record Job : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Desired behaviour of the job.")]
    public JobSpec Spec { get; set; } = new();
    [Doc("Current status of the job.")]
    public JobStatus Status { get; set; } = new();
}

/// <summary>batch/v1 JobList.</summary>
public sealed record JobList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Job> Items { get; set; } = new();
}

/// <summary>batch/v1 JobSpec.</summary>
[Doc("The desired behaviour of a job.")]
public sealed record JobSpec
{
    [Doc("Maximum pods running at once; defaults to 1.")]
    public int? Parallelism { get; set; }
    [Doc("Successful pods needed for the job to complete; defaults to 1.")]
    public int? Completions { get; set; }
    [Doc("Seconds the job may be active before it is terminated.")]
    public long? ActiveDeadlineSeconds { get; set; }
    [Doc("Rules that decide what a failed pod means for the job.")]
    public PodFailurePolicy? PodFailurePolicy { get; set; }
    [Doc("When an Indexed job may be declared succeeded early.")]
    public SuccessPolicy? SuccessPolicy { get; set; }
    [Doc("Retries before the job is marked failed; defaults to 6.")]
    public int? BackoffLimit { get; set; }
    public int? BackoffLimitPerIndex { get; set; }
    public int? MaxFailedIndexes { get; set; }
    [Doc("Label query over the pods; generated unless manualSelector is true.")]
    public LabelSelector? Selector { get; set; }
    [Doc("Whether the selector is set by the user instead of generated.")]
    public bool? ManualSelector { get; set; }
    [Doc("The pods the job runs; restartPolicy must be Never or OnFailure.")]
    [ApiRequired] public PodTemplateSpec Template { get; set; } = new();
    [Doc("Seconds after the job finishes before it is deleted.")]
    public int? TtlSecondsAfterFinished { get; set; }
    [Doc("NonIndexed (default) or Indexed.")]
    public string? CompletionMode { get; set; }
    [Doc("Whether the job's pods are suspended; defaults to false.")]
    public bool? Suspend { get; set; }
    [Doc("TerminatingOrFailed or Failed: when a replacement pod is created.")]
    public string? PodReplacementPolicy { get; set; }
    [Doc("The controller that manages the job, when not the built-in one.")]
    public string? ManagedBy { get; set; }
}

/// <summary>batch/v1 JobTemplateSpec: the job a CronJob creates.</summary>
public sealed record JobTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public JobSpec? Spec { get; set; }
}

/// <summary>batch/v1 JobStatus.</summary>
public sealed record JobStatus
{
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("atomic")]
    public List<JobCondition>? Conditions { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? CompletionTime { get; set; }
    public int? Active { get; set; }
    public int? Succeeded { get; set; }
    public int? Failed { get; set; }
    public int? Terminating { get; set; }
    public string? CompletedIndexes { get; set; }
    public string? FailedIndexes { get; set; }
    public UncountedTerminatedPods? UncountedTerminatedPods { get; set; }
    public int? Ready { get; set; }
}

/// <summary>batch/v1 UncountedTerminatedPods.</summary>
public sealed record UncountedTerminatedPods
{
    [ListType("set")] public List<string>? Succeeded { get; set; }
    [ListType("set")] public List<string>? Failed { get; set; }
}

/// <summary>batch/v1 JobCondition.</summary>
public sealed record JobCondition
{
    [Doc("Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.")]
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>batch/v1 PodFailurePolicy.</summary>
public sealed record PodFailurePolicy
{
    [ApiRequired, ListType("atomic")] public List<PodFailurePolicyRule> Rules { get; set; } = new();
}

/// <summary>batch/v1 PodFailurePolicyRule.</summary>
public sealed record PodFailurePolicyRule
{
    [Doc("FailJob, FailIndex, Ignore or Count.")]
    [ApiRequired] public string Action { get; set; } = "";
    public PodFailurePolicyOnExitCodesRequirement? OnExitCodes { get; set; }
    [ListType("atomic")] public List<PodFailurePolicyOnPodConditionsPattern>? OnPodConditions { get; set; }
}

/// <summary>batch/v1 PodFailurePolicyOnExitCodesRequirement.</summary>
public sealed record PodFailurePolicyOnExitCodesRequirement
{
    public string? ContainerName { get; set; }
    [Doc("In or NotIn.")]
    [ApiRequired] public string Operator { get; set; } = "";
    [ApiRequired, ListType("set")] public List<int> Values { get; set; } = new();
}

/// <summary>batch/v1 PodFailurePolicyOnPodConditionsPattern.</summary>
public sealed record PodFailurePolicyOnPodConditionsPattern
{
    [ApiRequired] public string Type { get; set; } = "";
    public string? Status { get; set; }
}

/// <summary>batch/v1 SuccessPolicy.</summary>
public sealed record SuccessPolicy
{
    [ApiRequired, ListType("atomic")] public List<SuccessPolicyRule> Rules { get; set; } = new();
}

/// <summary>batch/v1 SuccessPolicyRule.</summary>
public sealed record SuccessPolicyRule
{
    public string? SucceededIndexes { get; set; }
    public int? SucceededCount { get; set; }
}
