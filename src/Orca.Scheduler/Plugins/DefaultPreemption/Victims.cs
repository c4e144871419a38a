using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.DefaultPreemption;

/// <summary>The pods to evict from one node (most important first) and how many of them break a disruption budget.</summary>
internal sealed record Candidate(string NodeName, IReadOnlyList<PodInfo> Victims, int PdbViolations);

/// <summary>Victim selection on one node, as Kubernetes' DefaultPreemption does it.</summary>
internal static class VictimSelection
{
    public const string NoVictims = "No preemption victims found for incoming pod";

    /// <summary>
    /// Higher priority first; equal priority: the one that started earlier (it has been running longer).
    /// </summary>
    public static int MoreImportantFirst(PodInfo a, PodInfo b)
    {
        if (a.Priority != b.Priority) return b.Priority.CompareTo(a.Priority);
        return a.StartTime.CompareTo(b.StartTime);
    }

    /// <summary>
    /// Works on <paramref name="node"/> and <paramref name="state"/>, which must be private copies. Removes
    /// every lower-priority pod; if the pod still does not fit, the node cannot help (that status is the
    /// answer). Otherwise gives pods back, most important first — budget-violating ones before the others —
    /// keeping each one the pod still fits beside; what could not be given back are the victims.
    /// </summary>
    public static (List<PodInfo> Victims, int PdbViolations, Status Status) SelectOnNode(SchedulingFramework fw, CycleState state, PodInfo pod,
        NodeInfo node, IReadOnlyList<DisruptionBudget> budgets)
    {
        var potential = node.Pods.Where(p => p.Priority < pod.Priority).ToList();
        if (potential.Count == 0) return ([], 0, Status.Unresolvable(NoVictims));
        foreach (var p in potential)
        {
            node.RemovePod(p.Uid);
            var s = fw.RunPreFilterExtensionRemovePod(state, pod, p, node);
            if (!s.IsSuccess) return ([], 0, s);
        }
        var fits = fw.RunFilterPluginsWithNominatedPods(state, pod, node);
        if (!fits.IsSuccess) return ([], 0, fits);
        potential.Sort(MoreImportantFirst);
        var (violating, nonViolating) = SplitByBudget(potential, budgets);
        var victims = new List<PodInfo>();
        var violations = 0;
        foreach (var p in violating)
        {
            if (!Reprieve(fw, state, pod, node, p, victims)) violations++;
        }
        foreach (var p in nonViolating) Reprieve(fw, state, pod, node, p, victims);
        if (violating.Count > 0 && nonViolating.Count > 0) victims.Sort(MoreImportantFirst);
        return (victims, violations, Status.Success);
    }

    /// <summary>Puts <paramref name="p"/> back; if the pod no longer fits, takes it out again as a victim. True when reprieved.</summary>
    private static bool Reprieve(SchedulingFramework fw, CycleState state, PodInfo pod, NodeInfo node, PodInfo p, List<PodInfo> victims)
    {
        node.AddPod(p);
        fw.RunPreFilterExtensionAddPod(state, pod, p, node);
        if (fw.RunFilterPluginsWithNominatedPods(state, pod, node).IsSuccess) return true;
        node.RemovePod(p.Uid);
        fw.RunPreFilterExtensionRemovePod(state, pod, p, node);
        victims.Add(p);
        return false;
    }

    /// <summary>
    /// Splits pods (in order) into those whose eviction would exceed a matching budget's allowed disruptions
    /// and the rest. Each matching pod uses up one allowed disruption of each budget selecting it, unless the
    /// budget already lists it as disrupted. Pods without labels match no budget; an empty selector matches nothing.
    /// </summary>
    public static (List<PodInfo> Violating, List<PodInfo> NonViolating) SplitByBudget(IReadOnlyList<PodInfo> pods, IReadOnlyList<DisruptionBudget> budgets)
    {
        var allowed = budgets.Select(b => b.DisruptionsAllowed).ToArray();
        var violating = new List<PodInfo>();
        var nonViolating = new List<PodInfo>();
        foreach (var p in pods)
        {
            var violated = false;
            if (p.Pod.Metadata.Labels is { Count: > 0 } labels)
            {
                for (var i = 0; i < budgets.Count; i++)
                {
                    var b = budgets[i];
                    if (b.Namespace != p.Namespace || b.Selector.IsEmpty || !b.Selector.Matches(labels)) continue;
                    if (b.DisruptedPods.Contains(p.Name)) continue;
                    if (--allowed[i] < 0) violated = true;
                }
            }
            (violated ? violating : nonViolating).Add(p);
        }
        return (violating, nonViolating);
    }

    /// <summary>
    /// Picks the candidate node: fewest budget violations, then the lowest highest-victim priority, then the
    /// lowest sum of victim priorities, then the fewest victims, then the latest start among its most important
    /// victims; the first remaining candidate wins ties.
    /// </summary>
    public static Candidate Pick(IReadOnlyList<Candidate> candidates)
    {
        IEnumerable<Candidate> best = candidates;
        Func<Candidate, long>[] scores =
        [
            c => -c.PdbViolations,
            c => -(long)c.Victims[0].Priority,
            c => -c.Victims.Sum(v => (long)v.Priority + int.MaxValue + 1L),
            c => -c.Victims.Count,
            c => EarliestStartOfTopVictims(c).UtcTicks,
        ];
        foreach (var score in scores)
        {
            var list = best.ToList();
            var max = list.Max(score);
            best = list.Where(c => score(c) == max);
            if (best.Count() == 1) break;
        }
        return best.First();
    }

    private static DateTimeOffset EarliestStartOfTopVictims(Candidate c)
    {
        var top = c.Victims[0].Priority;
        return c.Victims.Where(v => v.Priority == top).Min(v => v.StartTime);
    }
}
