using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.Helpers;

namespace Orca.Scheduler.Plugins;

/// <summary>
/// NodeAffinity. Filter: spec.nodeSelector and required node affinity (all operators, matchFields on
/// metadata.name), plus the profile's added affinity. PreFilter narrows the candidates when every
/// required term names nodes by metadata.name. Score: the summed weights of matching preferred terms.
/// </summary>
internal sealed class NodeAffinity : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, INormalizeScorePlugin, IEnqueueExtensions
{
    public const string ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
    public const string ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
    public const string ErrReasonConflict = "pod affinity terms conflict";

    private static readonly StateKey<FilterState> FilterKey = new("PreFilter" + Names.NodeAffinity);
    private static readonly StateKey<ScoreState> ScoreKey = new("PreScore" + Names.NodeAffinity);
    private static readonly Status PodRejected = Status.Unresolvable(ErrReasonPod).WithPlugin(Names.NodeAffinity);

    private readonly NodeSelectorMatcher? _addedRequired;
    private readonly (NodeSelectorMatcher Term, int Weight)[] _addedPreferred;

    public NodeAffinity(NodeAffinityArgs args)
    {
        var added = args.AddedAffinity;
        _addedRequired = added?.RequiredDuringSchedulingIgnoredDuringExecution is { } req ? NodeSelectorMatcher.Parse(req) : null;
        _addedPreferred = Preferred(added?.PreferredDuringSchedulingIgnoredDuringExecution);
    }

    public string Name => Names.NodeAffinity;

    private sealed record FilterState(RequiredNodeAffinity Required) : IStateData
    {
        public IStateData Copy() => this;
    }

    private sealed record ScoreState((NodeSelectorMatcher Term, int Weight)[] Preferred) : IStateData
    {
        public IStateData Copy() => this;
    }

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod)
    {
        var required = pod.Pod.Spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        if (required is null && _addedRequired is null && pod.Pod.Spec.NodeSelector is null) return (null, Status.SkipStatus);
        state.Write(FilterKey, new FilterState(RequiredNodeAffinity.Of(pod.Pod)));
        if (required is not { NodeSelectorTerms.Count: > 0 }) return (null, Status.Success);
        HashSet<string>? all = null;
        foreach (var term in required.NodeSelectorTerms)
        {
            HashSet<string>? names = null;
            foreach (var f in term.MatchFields ?? [])
            {
                if (f.Key != "metadata.name" || f.Operator != "In") continue;
                var values = new HashSet<string>(f.Values ?? [], StringComparer.Ordinal);
                if (names is null) names = values;
                else names.IntersectWith(values);
            }
            if (names is null) return (null, Status.Success);
            (all ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(names);
        }
        if (all is { Count: 0 }) return (null, Status.Unresolvable(ErrReasonConflict));
        return (all is null ? null : new PreFilterResult(all), Status.Success);
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (node.Node is not { } n) return PodRejected;
        if (_addedRequired is not null && !_addedRequired.Matches(n)) return Status.Unresolvable(ErrReasonEnforced);
        var required = state.Read(FilterKey)?.Required ?? RequiredNodeAffinity.Of(pod.Pod);
        return required.Matches(n) ? Status.Success : PodRejected;
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var own = Preferred(pod.Pod.Spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution);
        if (own.Length == 0 && _addedPreferred.Length == 0) return Status.SkipStatus;
        state.Write(ScoreKey, new ScoreState([.. own, .. _addedPreferred]));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var terms = state.Read(ScoreKey)?.Preferred
            ?? [.. Preferred(pod.Pod.Spec.Affinity?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution), .. _addedPreferred];
        long score = 0;
        if (node.Node is not { } n) return (0, Status.Success);
        foreach (var (term, weight) in terms)
        {
            if (term.Matches(n)) score += weight;
        }
        return (score, Status.Success);
    }

    public Status NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        ScoreNormalizer.Default(scores, reverse: false);
        return Status.Success;
    }

    private static (NodeSelectorMatcher, int)[] Preferred(List<PreferredSchedulingTerm>? terms) =>
        terms is not { Count: > 0 } ? []
            : terms.Where(t => t.Weight != 0).Select(t => (NodeSelectorMatcher.ParseTermOnly(t.Preference), t.Weight))
                .Where(t => t.Item1 is not null).Select(t => (t.Item1!, t.Weight)).ToArray();

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(ClusterEvent.NodeAdd, Matches),
        new(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeLabel, "NodeLabelChange"), Matches),
        new(new ClusterEvent(EventResource.Pod, ActionType.UpdateOther, "PodUpdate")),
    ];

    /// <summary>Retry only when the added or relabelled node now satisfies the pod's required affinity.</summary>
    private QueueingHint Matches(PodInfo pod, object? oldObj, object? newObj)
    {
        if (newObj is not Node node) return QueueingHint.Skip;
        if (_addedRequired is not null && !_addedRequired.Matches(node)) return QueueingHint.Skip;
        return RequiredNodeAffinity.Of(pod.Pod).Matches(node) ? QueueingHint.Queue : QueueingHint.Skip;
    }
}
