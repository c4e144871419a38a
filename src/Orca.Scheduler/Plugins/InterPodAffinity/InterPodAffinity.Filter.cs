using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.InterPodAffinity;

internal sealed partial class InterPodAffinityPlugin
{
    private static readonly StateKey<FilterState> FilterKey = new("PreFilter" + Names.InterPodAffinity);

    // Shared rejections (already attributed, so failing thousands of nodes allocates nothing).
    private static readonly Status AffinityRejected = Status.Unresolvable(ErrReasonAffinityRulesNotMatch).WithPlugin(Names.InterPodAffinity);
    private static readonly Status AntiAffinityRejected = Status.Unschedulable(ErrReasonAntiAffinityRulesNotMatch).WithPlugin(Names.InterPodAffinity);
    private static readonly Status ExistingAntiAffinityRejected = Status.Unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch).WithPlugin(Names.InterPodAffinity);

    /// <summary>
    /// Per cycle: the incoming pod's required terms (namespace selectors resolved) and three count maps by
    /// topology domain — existing pods whose anti-affinity matches the incoming pod, existing pods matching
    /// all of its affinity terms, and existing pods matching each of its anti-affinity terms.
    /// </summary>
    private sealed class FilterState : IStateData
    {
        public required PodInfo Pod { get; init; }
        public required AffinityTerm[] Affinity { get; init; }
        public required AffinityTerm[] AntiAffinity { get; init; }
        public required IReadOnlyDictionary<string, string>? NamespaceLabels { get; init; }
        public TopologyCounts ExistingAntiAffinity { get; init; } = new();
        public TopologyCounts AffinityCounts { get; init; } = new();
        public TopologyCounts AntiAffinityCounts { get; init; } = new();

        public IStateData Copy() => new FilterState
        {
            Pod = Pod, Affinity = Affinity, AntiAffinity = AntiAffinity, NamespaceLabels = NamespaceLabels,
            ExistingAntiAffinity = ExistingAntiAffinity.Clone(), AffinityCounts = AffinityCounts.Clone(), AntiAffinityCounts = AntiAffinityCounts.Clone(),
        };

        /// <summary>Adjusts the counts for <paramref name="other"/> appearing (+1) or leaving (-1) <paramref name="node"/>.</summary>
        public void UpdateWith(PodInfo other, Node node, long delta)
        {
            ExistingAntiAffinity.UpdateWithAntiAffinityTerms(other.RequiredAntiAffinityTerms, Pod.Pod, NamespaceLabels, node, delta);
            AffinityCounts.UpdateWithAffinityTerms(Affinity, other.Pod, node, delta);
            AntiAffinityCounts.UpdateWithAntiAffinityTerms(AntiAffinity, other.Pod, null, node, delta);
        }
    }

    /// <summary>
    /// Reads the counts from the snapshot's <see cref="Cache.AffinityIndex"/> (existing pods' anti-affinity
    /// groups that select this pod; existing pods matching this pod's terms) into layers the cycle may adjust.
    /// </summary>
    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod)
    {
        var snapshot = handle.Snapshot;
        var index = snapshot.Affinity;
        var nsLabels = handle.Namespaces.Labels(pod.Namespace);
        var affinity = MergeNamespaces(pod.RequiredAffinityTerms);
        var anti = MergeNamespaces(pod.RequiredAntiAffinityTerms);
        var s = new FilterState
        {
            Pod = pod,
            Affinity = affinity,
            AntiAffinity = anti,
            NamespaceLabels = nsLabels,
            ExistingAntiAffinity = Layer(index.RequiredAntiAffinity.Where(g => g.Term.Matches(pod.Pod, nsLabels)).Select(g => g.Counts)),
            AffinityCounts = affinity.Length > 0 ? TopologyCounts.Over(index.Matching(affinity, snapshot.Nodes)) : new(),
            AntiAffinityCounts = Layer(anti.Select(t => index.Matching([t], snapshot.Nodes))),
        };
        if (s.ExistingAntiAffinity.Count == 0 && affinity.Length == 0 && anti.Length == 0) return (null, Status.SkipStatus);
        state.Write(FilterKey, s);
        return (null, Status.Success);
    }

    /// <summary>A writable layer over the sum of <paramref name="counts"/> (over the one itself when there is only one).</summary>
    private static TopologyCounts Layer(IEnumerable<TopologyCounts> counts)
    {
        TopologyCounts? single = null;
        TopologyCounts? sum = null;
        foreach (var c in counts)
        {
            if (single is null)
            {
                single = c;
                continue;
            }
            if (sum is null)
            {
                sum = new TopologyCounts();
                sum.Add(single);
            }
            sum.Add(c);
        }
        return sum ?? (single is null ? new TopologyCounts() : TopologyCounts.Over(single));
    }

    public Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        if (node.Node is { } n) state.Read(FilterKey)?.UpdateWith(podToAdd, n, 1);
        return Status.Success;
    }

    public Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        if (node.Node is { } n) state.Read(FilterKey)?.UpdateWith(podToRemove, n, -1);
        return Status.Success;
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (node.Node is not { } n) return AffinityRejected;
        var s = state.Get(FilterKey);
        if (!SatisfiesAffinity(s, n)) return AffinityRejected;
        if (!SatisfiesAntiAffinity(s, n)) return AntiAffinityRejected;
        if (!SatisfiesExistingAntiAffinity(s, n)) return ExistingAntiAffinityRejected;
        return Status.Success;
    }

    private static bool SatisfiesExistingAntiAffinity(FilterState s, Node node)
    {
        if (s.ExistingAntiAffinity.Count == 0 || node.Metadata.Labels is not { } labels) return true;
        foreach (var (key, value) in labels)
        {
            if (s.ExistingAntiAffinity[key, value] > 0) return false;
        }
        return true;
    }

    private static bool SatisfiesAntiAffinity(FilterState s, Node node)
    {
        if (s.AntiAffinityCounts.Count == 0) return true;
        var labels = node.Metadata.Labels;
        foreach (var t in s.AntiAffinity)
        {
            if (labels is not null && labels.TryGetValue(t.TopologyKey, out var value) && s.AntiAffinityCounts[t.TopologyKey, value] > 0) return false;
        }
        return true;
    }

    /// <summary>
    /// Every affinity term's topology key must be on the node, and each domain must already hold a pod
    /// matching all terms — except for the first pod of a group that selects itself: when no pod matches
    /// anywhere and the pod matches its own terms, any node with the keys will do.
    /// </summary>
    private static bool SatisfiesAffinity(FilterState s, Node node)
    {
        if (s.Affinity.Length == 0) return true;
        var labels = node.Metadata.Labels;
        var podsExist = true;
        foreach (var t in s.Affinity)
        {
            if (labels is null || !labels.TryGetValue(t.TopologyKey, out var value)) return false;
            if (s.AffinityCounts[t.TopologyKey, value] <= 0) podsExist = false;
        }
        return podsExist || (s.AffinityCounts.Count == 0 && TopologyCounts.MatchesAll(s.Affinity, s.Pod.Pod));
    }
}
