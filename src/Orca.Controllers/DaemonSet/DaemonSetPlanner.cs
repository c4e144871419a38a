using Orca.Api.Core;

namespace Orca.Controllers.DaemonSets;

/// <summary>What one sync should do: nodes to create a daemon pod on, pods to delete, and when to look again.</summary>
internal sealed class DaemonSetPlan
{
    public List<string> Create { get; } = [];
    public List<Pod> Delete { get; } = [];

    /// <summary>Failed and succeeded pods to be deleted (reported as FailedDaemonPod / SucceededDaemonPod events), with their node.</summary>
    public List<(Pod Pod, string Node)> Finished { get; } = [];

    public bool IsEmpty => Create.Count == 0 && Delete.Count == 0;

    /// <summary>The earliest time the DaemonSet must be synced again (a backoff or minReadySeconds ends), if any.</summary>
    public DateTimeOffset? RecheckAt { get; private set; }

    public void RecheckNoLaterThan(DateTimeOffset at)
    {
        if (RecheckAt is null || at < RecheckAt) RecheckAt = at;
    }

    public void DeleteOnce(Pod pod)
    {
        if (!Delete.Any(p => p.Metadata.Uid == pod.Metadata.Uid)) Delete.Add(pod);
    }
}

/// <summary>
/// The core loop of the DaemonSet controller (Kubernetes' manage / podsShouldBeOnNode): per node, create
/// the missing daemon pod, delete failed pods (with backoff) and succeeded ones, keep one pod per node (two
/// while surging: the oldest old pod until the oldest new one is available), delete pods from nodes that
/// no longer fit and from nodes that no longer exist. Pure over the view, apart from the backoff's state.
/// </summary>
internal static class DaemonSetPlanner
{
    public static DaemonSetPlan Manage(DaemonSetView view, FailedPodBackoff backoff)
    {
        var plan = new DaemonSetPlan();
        foreach (var node in view.Nodes) PlanNode(view, node, backoff, plan);
        foreach (var (name, pods) in view.PodsByNode)
        {
            if (view.NodeNames.Contains(name)) continue;
            foreach (var pod in pods.Where(p => !DaemonPods.IsTerminating(p))) plan.DeleteOnce(pod);
        }
        return plan;
    }

    private static void PlanNode(DaemonSetView view, Node node, FailedPodBackoff backoff, DaemonSetPlan plan)
    {
        var name = node.Metadata.Name!;
        var fit = view.Fit(node);
        var pods = view.PodsOn(name);
        if (fit.ShouldRun && pods.Count == 0)
        {
            plan.Create.Add(name);
            return;
        }
        if (!fit.ShouldContinueRunning)
        {
            foreach (var pod in pods.Where(p => !DaemonPods.IsTerminating(p))) plan.DeleteOnce(pod);
            return;
        }
        var running = new List<Pod>();
        foreach (var pod in pods.Where(p => !DaemonPods.IsTerminating(p)))
        {
            switch (pod.Status.Phase)
            {
                case "Failed":
                    if (backoff.TryDelete(FailedPodBackoff.Key(view.Ds.Metadata.Uid!, name), view.Now) is { } retryAt)
                    {
                        plan.RecheckNoLaterThan(retryAt);
                        break;
                    }
                    plan.Finished.Add((pod, name));
                    plan.DeleteOnce(pod);
                    break;
                case "Succeeded":
                    plan.Finished.Add((pod, name));
                    plan.DeleteOnce(pod);
                    break;
                default:
                    running.Add(pod);
                    break;
            }
        }
        if (!view.AllowsSurge)
        {
            foreach (var extra in running.Skip(1)) plan.DeleteOnce(extra);
            return;
        }
        if (running.Count == 0)
        {
            if (fit.ShouldRun) plan.Create.Add(name);
            return;
        }
        KeepSurgePair(view, running, plan);
    }

    /// <summary>
    /// While surging a node may hold the oldest new pod and the oldest old pod; every other pod goes. The old
    /// one goes too once it is not ready (nothing to protect) or once the new one is available (replaced).
    /// </summary>
    private static void KeepSurgePair(DaemonSetView view, List<Pod> running, DaemonSetPlan plan)
    {
        Pod? oldestNew = null, oldestOld = null;
        foreach (var pod in running)
        {
            if (view.IsUpdated(pod) && oldestNew is null) oldestNew = pod;
            else if (!view.IsUpdated(pod) && oldestOld is null) oldestOld = pod;
            else plan.DeleteOnce(pod);
        }
        if (oldestNew is null || oldestOld is null) return;
        if (!DaemonPods.IsReady(oldestOld) || view.IsAvailable(oldestNew)) plan.DeleteOnce(oldestOld);
        else if (DaemonPods.AvailableAt(oldestNew, view.MinReadySeconds) is { } at) plan.RecheckNoLaterThan(at);
    }
}
