using Orca.Api.Batch;
using Orca.Api.Core;

namespace Orca.Controllers.Jobs;

/// <summary>What one sync of one job has learned and decided; owned by that sync only.</summary>
internal sealed class JobSyncState(string key, Api.Batch.Job job, List<Pod> pods)
{
    public string Key { get; } = key;

    /// <summary>A private copy of the cached job; the sync edits its status and writes it.</summary>
    public Api.Batch.Job Job { get; set; } = job;

    /// <summary>The pods the job controls.</summary>
    public List<Pod> Pods { get; } = pods;

    public List<Pod> Active { get; set; } = [];
    public int Terminating { get; set; }
    public int Ready { get; set; }

    /// <summary>Pods whose finalizer removal is not yet seen: treated as counted already.</summary>
    public HashSet<string> ExpectedRemovals { get; init; } = [];

    public HashSet<string> UncountedSucceeded { get; init; } = [];
    public HashSet<string> UncountedFailed { get; init; } = [];

    public int Succeeded { get; set; }
    public int Failed { get; set; }

    /// <summary>The backoff record to store once the newly finished pods are in the status.</summary>
    public BackoffRecord NewBackoff { get; set; } = BackoffRecord.None;

    /// <summary>The terminal (or interim FailureTarget / SuccessCriteriaMet) condition the job is heading for, if any.</summary>
    public JobCondition? Finished { get; set; }

    /// <summary>Indexed jobs: the indexes in status.completedIndexes, and those plus the ones of pods seen succeeded.</summary>
    public SortedSet<int> PreviousSucceededIndexes { get; set; } = [];
    public SortedSet<int> SucceededIndexes { get; set; } = [];

    /// <summary>Indexed jobs: indexes failed by a FailIndex rule (status.failedIndexes).</summary>
    public SortedSet<int> FailedIndexes { get; set; } = [];

    public bool IsIndexed => Job.Spec.CompletionMode == "Indexed";

    /// <summary>A pod with the tracking finalizer whose removal the controller has not already asked for.</summary>
    public bool IsTracked(Pod pod) => JobPods.HasTrackingFinalizer(pod) && !ExpectedRemovals.Contains(pod.Metadata.Uid!);
}
