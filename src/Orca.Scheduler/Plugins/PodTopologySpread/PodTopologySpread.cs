using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// PodTopologySpread. Filter: for each DoNotSchedule constraint, placing the pod must keep
/// (matching pods in the node's domain + 1 if the pod matches) − (global minimum over domains) ≤ maxSkew,
/// where the minimum is 0 while fewer than minDomains domains exist; nodes missing a topology key are
/// unresolvable. Score: ScheduleAnyway constraints prefer less crowded domains. Pods without constraints
/// get the defaults (system: hostname maxSkew 3 and zone maxSkew 5, ScheduleAnyway, selecting the pod's
/// service/ReplicaSet/StatefulSet siblings).
/// </summary>
internal sealed partial class PodTopologySpreadPlugin : IPreFilterExtensions, IFilterPlugin, IPreScorePlugin, INormalizeScorePlugin, IEnqueueExtensions
{
    public const string ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
    public const string ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + " (missing required label)";

    private static readonly List<TopologySpreadConstraint> SystemDefaults =
    [
        new() { MaxSkew = 3, TopologyKey = SpreadConstraint.LabelHostname, WhenUnsatisfiable = SpreadConstraint.ScheduleAnyway },
        new() { MaxSkew = 5, TopologyKey = SpreadConstraint.LabelZone, WhenUnsatisfiable = SpreadConstraint.ScheduleAnyway },
    ];

    private readonly FrameworkHandle _handle;
    private readonly List<TopologySpreadConstraint> _defaults;
    private readonly bool _systemDefaulted;

    public PodTopologySpreadPlugin(PodTopologySpreadArgs args, FrameworkHandle handle)
    {
        _handle = handle;
        _systemDefaulted = args.DefaultingType is null or "System";
        _defaults = _systemDefaulted ? SystemDefaults : args.DefaultConstraints ?? [];
    }

    public string Name => Names.PodTopologySpread;

    /// <summary>The pod's own constraints for <paramref name="action"/>, or the defaults bound to its group's selector.</summary>
    private List<SpreadConstraint> Constraints(Pod pod, string action)
    {
        if (pod.Spec.TopologySpreadConstraints is { Count: > 0 } own) return SpreadConstraint.Parse(own, pod.Metadata.Labels, action);
        var defaults = SpreadConstraint.Parse(_defaults, pod.Metadata.Labels, action);
        if (defaults.Count == 0) return defaults;
        var selectors = _handle.GroupSelectors.For(pod);
        if (selectors.Count == 0) return [];
        var merged = LabelSelectorExpr.FromRequirements(selectors.SelectMany(s => s.Requirements));
        if (merged.IsEmpty) return [];
        return defaults.Select(c => c with { Selector = merged }).ToList();
    }

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.All, "AssignedPodChange")),
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint, "NodeChange")),
    ];
}
