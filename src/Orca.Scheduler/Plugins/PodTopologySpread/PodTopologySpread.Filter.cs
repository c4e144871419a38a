using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.PodTopologySpread;

internal sealed partial class PodTopologySpreadPlugin
{
    private static readonly StateKey<FilterState> FilterKey = new("PreFilter" + Names.PodTopologySpread);
    private static readonly Status LabelMissing = Status.Unresolvable(ErrReasonNodeLabelNotMatch).WithPlugin(Names.PodTopologySpread);
    private static readonly Status SkewTooBig = Status.Unschedulable(ErrReasonConstraintsNotMatch).WithPlugin(Names.PodTopologySpread);

    /// <summary>Per DoNotSchedule constraint: matching pods per domain value over the eligible nodes.</summary>
    private sealed class FilterState : IStateData
    {
        public required List<SpreadConstraint> Constraints { get; init; }
        public required Dictionary<string, int>[] Counts { get; init; }
        public required RequiredNodeAffinity Required { get; init; }

        /// <summary>The smallest count over the constraint's domains, or 0 while there are fewer than minDomains.</summary>
        public int MinMatch(int i)
        {
            var counts = Counts[i];
            if (counts.Count < Constraints[i].MinDomains || counts.Count == 0) return 0;
            var min = int.MaxValue;
            foreach (var c in counts.Values) min = Math.Min(min, c);
            return min;
        }

        public IStateData Copy() => new FilterState
        {
            Constraints = Constraints,
            Required = Required,
            Counts = Counts.Select(c => new Dictionary<string, int>(c, StringComparer.Ordinal)).ToArray(),
        };
    }

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod)
    {
        var constraints = Constraints(pod.Pod, SpreadConstraint.DoNotSchedule);
        if (constraints.Count == 0) return (null, Status.SkipStatus);
        var required = RequiredNodeAffinity.Of(pod.Pod);
        var nodes = _handle.Snapshot.Nodes;
        var perNode = new int[nodes.Count][];
        _handle.Parallelizer.Until(nodes.Count, n =>
        {
            var node = nodes[n].Node!;
            if (!SpreadConstraint.NodeHasAllKeys(node.Metadata.Labels, constraints)) return;
            var counts = new int[constraints.Count];
            for (var i = 0; i < constraints.Count; i++)
                counts[i] = constraints[i].Includes(pod.Pod, node, required) ? constraints[i].CountMatching(nodes[n].Pods, pod.Namespace) : -1;
            perNode[n] = counts;
        });
        var byValue = constraints.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        for (var n = 0; n < nodes.Count; n++)
        {
            if (perNode[n] is not { } counts) continue;
            var labels = nodes[n].Node!.Metadata.Labels!;
            for (var i = 0; i < constraints.Count; i++)
            {
                if (counts[i] < 0) continue;
                var value = labels[constraints[i].TopologyKey];
                byValue[i][value] = byValue[i].GetValueOrDefault(value) + counts[i];
            }
        }
        state.Write(FilterKey, new FilterState { Constraints = constraints, Counts = byValue, Required = required });
        return (null, Status.Success);
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Get(FilterKey);
        var labels = node.Node?.Metadata.Labels;
        for (var i = 0; i < s.Constraints.Count; i++)
        {
            var c = s.Constraints[i];
            if (labels is null || !labels.TryGetValue(c.TopologyKey, out var value)) return LabelMissing;
            var self = c.Selector.Matches(pod.Pod.Metadata.Labels) ? 1 : 0;
            var skew = s.Counts[i].GetValueOrDefault(value) + self - s.MinMatch(i);
            if (skew > c.MaxSkew) return SkewTooBig;
        }
        return Status.Success;
    }

    public Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node)
    {
        Update(state, podToSchedule, podToAdd, node, 1);
        return Status.Success;
    }

    public Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node)
    {
        Update(state, podToSchedule, podToRemove, node, -1);
        return Status.Success;
    }

    private static void Update(CycleState state, PodInfo pod, PodInfo changed, NodeInfo node, int delta)
    {
        if (state.Read(FilterKey) is not { } s || changed.Namespace != pod.Namespace || node.Node is not { } n) return;
        if (!SpreadConstraint.NodeHasAllKeys(n.Metadata.Labels, s.Constraints)) return;
        for (var i = 0; i < s.Constraints.Count; i++)
        {
            var c = s.Constraints[i];
            if (!c.Selector.Matches(changed.Pod.Metadata.Labels) || !c.Includes(pod.Pod, n, s.Required)) continue;
            var value = n.Metadata.Labels![c.TopologyKey];
            s.Counts[i][value] = s.Counts[i].GetValueOrDefault(value) + delta;
        }
    }
}
