using System.Globalization;
using Orca.Api.Batch;
using Orca.Api.Core;

namespace Orca.Controllers.Jobs;

/// <summary>How the Job controller reads its pods: active, terminating, failed, ready, their completion index and finish time.</summary>
internal static class JobPods
{
    /// <summary>Kept on every pod the controller creates until the pod's outcome is counted in the job's status.</summary>
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";

    public static bool HasTrackingFinalizer(Pod pod) => pod.Metadata.Finalizers?.Contains(TrackingFinalizer) == true;

    public static bool IsTerminal(Pod pod) => pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed;

    /// <summary>Neither finished nor being deleted.</summary>
    public static bool IsActive(Pod pod) => !IsTerminal(pod) && pod.Metadata.DeletionTimestamp is null;

    /// <summary>Being deleted but not yet finished.</summary>
    public static bool IsTerminating(Pod pod) => pod.Metadata.DeletionTimestamp is not null && !IsTerminal(pod);

    public static bool IsSucceeded(Pod pod) => pod.Status.Phase == PodPhase.Succeeded;

    /// <summary>
    /// A failure for the job: phase Failed, or — unless only failed pods are replaced — deleted before it
    /// succeeded (an orphaned pod may never reach Failed).
    /// </summary>
    public static bool IsFailed(Pod pod, Api.Batch.Job job)
    {
        if (pod.Status.Phase == PodPhase.Failed) return true;
        if (OnlyReplaceFailed(job)) return false;
        return pod.Metadata.DeletionTimestamp is not null && pod.Status.Phase != PodPhase.Succeeded;
    }

    /// <summary>podReplacementPolicy Failed (implied by a podFailurePolicy): terminating pods are waited for, not replaced.</summary>
    public static bool OnlyReplaceFailed(Api.Batch.Job job) => job.Spec.PodReplacementPolicy == "Failed" || job.Spec.PodFailurePolicy is not null;

    public static bool IsReady(Pod pod) => pod.Status.Conditions?.Any(c => c.Type == PodConditionType.Ready && c.Status == "True") == true;

    /// <summary>The pod's completion index annotation, or null when missing or malformed.</summary>
    public static int? CompletionIndex(Pod pod) =>
        pod.Metadata.Annotations?.TryGetValue(BatchLabels.JobCompletionIndex, out var text) == true
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>A completion index in [0, completions).</summary>
    public static bool HasValidIndex(Pod pod, Api.Batch.Job job) => CompletionIndex(pod) is { } i && i < (job.Spec.Completions ?? 0);

    /// <summary>
    /// When the pod finished: its containers' latest finish (when all finished), else Ready turning False, else its
    /// deletion, else now — never later than <paramref name="now"/> (another component's clock may run ahead of ours).
    /// </summary>
    public static DateTimeOffset FinishTime(Pod pod, DateTimeOffset now)
    {
        var at = ReportedFinishTime(pod) ?? now;
        return at > now ? now : at;
    }

    private static DateTimeOffset? ReportedFinishTime(Pod pod)
    {
        var containers = pod.Status.ContainerStatuses ?? [];
        if (containers.Count > 0 && containers.All(c => c.State?.Terminated?.FinishedAt is not null))
            return containers.Max(c => c.State!.Terminated!.FinishedAt!.Value);
        if (pod.Status.Conditions?.FirstOrDefault(c => c.Type == PodConditionType.Ready && c.Status == "False")?.LastTransitionTime is { } notReady)
            return notReady;
        // A deleted pod finished about when its deletion began: the deadline minus its grace period.
        return pod.Metadata.DeletionTimestamp - TimeSpan.FromSeconds(pod.Metadata.DeletionGracePeriodSeconds ?? 0);
    }

    /// <summary>The sum of container restarts of pods still pending or running (what backoffLimit counts for OnFailure pods).</summary>
    public static int Restarts(IEnumerable<Pod> pods) => pods
        .Where(p => p.Status.Phase is PodPhase.Running or PodPhase.Pending)
        .Sum(p => (p.Status.ContainerStatuses ?? []).Concat(p.Status.InitContainerStatuses ?? []).Sum(c => c.RestartCount));

    /// <summary>
    /// Active pods in the order they should be deleted first: unscheduled before scheduled, pending before
    /// running, not ready before ready, then the newest first (as Kubernetes ranks active pods).
    /// </summary>
    public static List<Pod> DeletionOrder(IEnumerable<Pod> pods) => pods
        .OrderBy(p => string.IsNullOrEmpty(p.Spec.NodeName) ? 0 : 1)
        .ThenBy(p => p.Status.Phase switch { PodPhase.Pending => 0, PodPhase.Unknown => 1, PodPhase.Running => 2, _ => 0 })
        .ThenBy(p => IsReady(p) ? 1 : 0)
        .ThenByDescending(p => p.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
        .ToList();
}
