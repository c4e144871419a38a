using Orca.Api.Core;

namespace Orca.Controllers.DaemonSets;

/// <summary>
/// The RollingUpdate strategy (Kubernetes' rollingUpdate), run after the core loop once expectations are
/// met. Nodes that should run the pod but have none count as unavailable; terminating pods are ignored;
/// a node with more than one old or new pod is left to the core loop (and counted against the budget).
/// <list type="bullet">
/// <item>maxSurge = 0: old pods that are not available are deleted at once; available old pods are deleted
/// while the number of unavailable nodes stays below maxUnavailable. The core loop then creates the new pod.</item>
/// <item>maxSurge &gt; 0: a new pod is created beside an unavailable old pod at once, and beside available old
/// pods while fewer than maxSurge new pods are still becoming available; an old pod is deleted once the new
/// pod on its node is available. Old pods on nodes that no longer fit go only while more nodes are available
/// than desired, so availability never drops.</item>
/// </list>
/// </summary>
internal static class DaemonSetRollout
{
    public static DaemonSetPlan Plan(DaemonSetView view)
    {
        var nodes = view.Nodes.ToDictionary(n => n.Metadata.Name!, StringComparer.Ordinal);
        var desired = view.Nodes.Where(n => view.Fit(n).ShouldRun).Select(n => n.Metadata.Name!).ToList();
        var names = view.PodsByNode.Keys.Union(desired, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var maxSurge = view.MaxSurge(desired.Count);
        var maxUnavailable = view.MaxUnavailable(desired.Count);
        if (desired.Count > 0 && maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
        return maxSurge == 0
            ? WithoutSurge(view, names, maxUnavailable)
            : WithSurge(view, names, nodes, maxSurge, desired.Count);
    }

    private static DaemonSetPlan WithoutSurge(DaemonSetView view, List<string> names, int maxUnavailable)
    {
        var plan = new DaemonSetPlan();
        var unavailable = 0;
        var candidates = new List<Pod>();
        foreach (var name in names)
        {
            if (!Split(view, name, out var newPod, out var oldPod) || (newPod is null) == (oldPod is null))
            {
                unavailable++;
                continue;
            }
            if (newPod is not null)
            {
                if (!view.IsAvailable(newPod))
                {
                    unavailable++;
                    RecheckWhenAvailable(view, newPod, plan);
                }
                continue;
            }
            if (!view.IsAvailable(oldPod!))
            {
                plan.Delete.Add(oldPod!);
                unavailable++;
            }
            else if (unavailable < maxUnavailable)
            {
                candidates.Add(oldPod!);
            }
        }
        var room = Math.Clamp(maxUnavailable - unavailable, 0, candidates.Count);
        plan.Delete.AddRange(candidates.Take(room));
        return plan;
    }

    private static DaemonSetPlan WithSurge(DaemonSetView view, List<string> names, Dictionary<string, Node> nodes, int maxSurge, int desired)
    {
        var plan = new DaemonSetPlan();
        var surging = 0;
        var available = 0;
        var candidates = new List<string>();
        var misplaced = new List<Pod>();
        foreach (var name in names)
        {
            if (!Split(view, name, out var newPod, out var oldPod))
            {
                surging++;
                continue;
            }
            if ((oldPod ?? newPod) is { } counted && view.IsAvailable(counted)) available++;
            if (oldPod is null) continue;
            var shouldRun = nodes.TryGetValue(name, out var node) && view.Fit(node).ShouldRun;
            if (newPod is null)
            {
                if (!view.IsAvailable(oldPod))
                {
                    if (shouldRun) plan.Create.Add(name);
                    else plan.Delete.Add(oldPod);
                }
                else if (!shouldRun) misplaced.Add(oldPod);
                else if (surging < maxSurge) candidates.Add(name);
                continue;
            }
            if (!view.IsAvailable(newPod))
            {
                surging++;
                RecheckWhenAvailable(view, newPod, plan);
                continue;
            }
            plan.Delete.Add(oldPod);
        }
        plan.Delete.AddRange(misplaced.Take(Math.Max(0, available - desired)));
        plan.Create.AddRange(candidates.Take(Math.Clamp(maxSurge - surging, 0, candidates.Count)));
        return plan;
    }

    /// <summary>The node's one new and one old non-terminating pod (either may be null); false when it has more of either.</summary>
    private static bool Split(DaemonSetView view, string node, out Pod? newPod, out Pod? oldPod)
    {
        newPod = oldPod = null;
        foreach (var pod in view.PodsOn(node).Where(p => !DaemonPods.IsTerminating(p)))
        {
            if (view.IsUpdated(pod))
            {
                if (newPod is not null) return false;
                newPod = pod;
            }
            else
            {
                if (oldPod is not null) return false;
                oldPod = pod;
            }
        }
        return true;
    }

    private static void RecheckWhenAvailable(DaemonSetView view, Pod pod, DaemonSetPlan plan)
    {
        if (DaemonPods.AvailableAt(pod, view.MinReadySeconds) is { } at && at > view.Now) plan.RecheckNoLaterThan(at);
    }
}
