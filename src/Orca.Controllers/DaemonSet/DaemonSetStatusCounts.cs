using Orca.Api.Apps;

namespace Orca.Controllers.DaemonSets;

/// <summary>
/// status of a DaemonSet as Kubernetes counts it, per node: desired = nodes that should run the pod;
/// current = those of them with a daemon pod; misscheduled = nodes with a daemon pod that should not run one;
/// for each node's oldest pod: ready, available (ready for minReadySeconds) and updated (current revision);
/// unavailable = desired − available.
/// </summary>
internal static class DaemonSetStatusCounts
{
    /// <summary>The counts of <paramref name="view"/>, plus when a ready but not yet available pod becomes available.</summary>
    public static (DaemonSetStatus Status, DateTimeOffset? RecheckAt) Compute(DaemonSetView view)
    {
        int desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
        DateTimeOffset? recheck = null;
        foreach (var node in view.Nodes)
        {
            var pods = view.PodsOn(node.Metadata.Name!);
            if (!view.Fit(node).ShouldRun)
            {
                if (pods.Count > 0) misscheduled++;
                continue;
            }
            desired++;
            if (pods.Count == 0) continue;
            current++;
            var pod = pods[0];
            if (DaemonPods.IsReady(pod))
            {
                ready++;
                if (view.IsAvailable(pod)) available++;
                else if (DaemonPods.AvailableAt(pod, view.MinReadySeconds) is { } at && (recheck is null || at < recheck)) recheck = at;
            }
            if (view.IsUpdated(pod)) updated++;
        }
        var status = new DaemonSetStatus
        {
            DesiredNumberScheduled = desired,
            CurrentNumberScheduled = current,
            NumberMisscheduled = misscheduled,
            NumberReady = ready,
            NumberAvailable = available,
            NumberUnavailable = desired - available,
            UpdatedNumberScheduled = updated,
        };
        return (status, recheck);
    }

    /// <summary>True when <paramref name="status"/> already holds the counts and observedGeneration of <paramref name="next"/>.</summary>
    public static bool Same(DaemonSetStatus status, DaemonSetStatus next) =>
        status.DesiredNumberScheduled == next.DesiredNumberScheduled
        && status.CurrentNumberScheduled == next.CurrentNumberScheduled
        && status.NumberMisscheduled == next.NumberMisscheduled
        && status.NumberReady == next.NumberReady
        && (status.NumberAvailable ?? 0) == next.NumberAvailable
        && (status.NumberUnavailable ?? 0) == next.NumberUnavailable
        && (status.UpdatedNumberScheduled ?? 0) == next.UpdatedNumberScheduled
        && (status.ObservedGeneration ?? 0) >= (next.ObservedGeneration ?? 0);
}
