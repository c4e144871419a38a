using Orca.Api.Core;

namespace Orca.Controllers.Framework;

/// <summary>What controllers read off a pod: active, ready, available (as Kubernetes' podutil does). Pure functions.</summary>
internal static class PodState
{
    /// <summary>Not terminating and not finished (phase neither Succeeded nor Failed): the pod counts towards replicas.</summary>
    public static bool IsActive(Pod pod) =>
        pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not (PodPhase.Succeeded or PodPhase.Failed);

    /// <summary>The pod's Ready condition is True.</summary>
    public static bool IsReady(Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>When the pod last became ready (the Ready condition's lastTransitionTime), or null when it is not ready.</summary>
    public static DateTimeOffset? ReadySince(Pod pod) => ReadyCondition(pod) is { Status: "True" } c ? c.LastTransitionTime ?? DateTimeOffset.MinValue : null;

    /// <summary>
    /// Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/> (with 0, ready is enough).
    /// A ready pod without a transition time counts as ready since ever.
    /// </summary>
    public static bool IsAvailable(Pod pod, int minReadySeconds, DateTimeOffset now) =>
        ReadySince(pod) is { } since && (minReadySeconds == 0 || since.AddSeconds(minReadySeconds) <= now);

    /// <summary>When a ready pod becomes available, or null when it is not ready.</summary>
    public static DateTimeOffset? AvailableAt(Pod pod, int minReadySeconds) =>
        ReadySince(pod) is { } since ? (minReadySeconds == 0 || since == DateTimeOffset.MinValue ? since : since.AddSeconds(minReadySeconds)) : null;

    /// <summary>The highest restart count of the pod's containers.</summary>
    public static int MaxRestarts(Pod pod) => pod.Status?.ContainerStatuses?.Select(c => c.RestartCount).DefaultIfEmpty(0).Max() ?? 0;

    private static PodCondition? ReadyCondition(Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
}
