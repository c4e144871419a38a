using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.PodTopologySpread;

/// <summary>A parsed topology spread constraint with its defaults applied.</summary>
internal sealed record SpreadConstraint(int MaxSkew, string TopologyKey, LabelSelectorExpr Selector, int MinDomains,
    bool HonorNodeAffinity, bool HonorNodeTaints)
{
    public const string DoNotSchedule = "DoNotSchedule";
    public const string ScheduleAnyway = "ScheduleAnyway";
    public const string LabelHostname = "kubernetes.io/hostname";
    public const string LabelZone = "topology.kubernetes.io/zone";

    /// <summary>
    /// The constraints with <paramref name="action"/> as whenUnsatisfiable. matchLabelKeys pin the
    /// selector to the pod's own values; minDomains defaults to 1, nodeAffinityPolicy to Honor and
    /// nodeTaintsPolicy to Ignore. Constraints whose selector does not parse are dropped.
    /// </summary>
    public static List<SpreadConstraint> Parse(IEnumerable<TopologySpreadConstraint> constraints, IReadOnlyDictionary<string, string>? podLabels, string action)
    {
        var result = new List<SpreadConstraint>();
        foreach (var c in constraints)
        {
            if (c.WhenUnsatisfiable != action) continue;
            if (!LabelSelectorConverter.TryConvert(c.LabelSelector, out var selector, out _)) continue;
            if (c.MatchLabelKeys is { Count: > 0 } keys && podLabels is not null && !selector.MatchesNothing)
            {
                var extra = keys.Where(podLabels.ContainsKey).Select(k => LabelRequirement.TryCreate(k, LabelOperator.In, [podLabels[k]], out var r, out _) ? r : null)
                    .OfType<LabelRequirement>().ToList();
                if (extra.Count > 0) selector = LabelSelectorExpr.FromRequirements(selector.Requirements.Concat(extra));
            }
            result.Add(new SpreadConstraint(c.MaxSkew, c.TopologyKey, selector, c.MinDomains ?? 1,
                c.NodeAffinityPolicy is null or "Honor", c.NodeTaintsPolicy is "Honor"));
        }
        return result;
    }

    /// <summary>Whether pods on <paramref name="node"/> count for this constraint (the node inclusion policies).</summary>
    public bool Includes(Pod pod, Node node, RequiredNodeAffinity required)
    {
        if (HonorNodeAffinity && !required.Matches(node)) return false;
        return !HonorNodeTaints || Taints.FindUntolerated(node.Spec.Taints, pod.Spec.Tolerations, Taints.IsDoNotSchedule) is null;
    }

    /// <summary>Pods of <paramref name="ns"/> matching the selector, not terminating. An empty selector counts nothing.</summary>
    public int CountMatching(List<PodInfo> pods, string ns)
    {
        if (Selector.IsEmpty || Selector.MatchesNothing) return 0;
        var count = 0;
        foreach (var p in pods)
        {
            if (p.IsTerminating || p.Namespace != ns) continue;
            if (Selector.Matches(p.Pod.Metadata.Labels)) count++;
        }
        return count;
    }

    /// <summary>True when the node has every constraint's topology key.</summary>
    public static bool NodeHasAllKeys(IReadOnlyDictionary<string, string>? labels, IReadOnlyList<SpreadConstraint> constraints)
    {
        foreach (var c in constraints)
        {
            if (labels is null || !labels.ContainsKey(c.TopologyKey)) return false;
        }
        return true;
    }
}
