using Orca.Api.Selectors;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.PodTopologySpread;

internal sealed partial class PodTopologySpreadPlugin
{
    private static readonly StateKey<ScoreState> ScoreKey = new("PreScore" + Names.PodTopologySpread);

    /// <summary>
    /// Per ScheduleAnyway constraint: matching pods per domain (hostname domains are counted per node at
    /// Score time), each constraint's weight log(domains + 2), and nodes to ignore (missing keys).
    /// </summary>
    private sealed class ScoreState : IStateData
    {
        public required List<SpreadConstraint> Constraints { get; init; }
        public required Dictionary<string, long>[] Counts { get; init; }
        public required double[] Weights { get; init; }
        public required HashSet<string> Ignored { get; init; }

        public IStateData Copy() => this;
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var all = _handle.Snapshot.Nodes;
        if (nodes.Count == 0 || all.Count == 0) return Status.SkipStatus;
        var constraints = Constraints(pod.Pod, SpreadConstraint.ScheduleAnyway);
        if (constraints.Count == 0) return Status.SkipStatus;
        var requireAll = pod.Pod.Spec.TopologySpreadConstraints is { Count: > 0 } || !_systemDefaulted;
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        var counts = constraints.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        foreach (var node in nodes)
        {
            var labels = node.Node!.Metadata.Labels;
            if (requireAll && !SpreadConstraint.NodeHasAllKeys(labels, constraints))
            {
                ignored.Add(node.Name);
                continue;
            }
            for (var i = 0; i < constraints.Count; i++)
            {
                if (constraints[i].TopologyKey == SpreadConstraint.LabelHostname) continue;
                counts[i].TryAdd(labels?.GetValueOrDefault(constraints[i].TopologyKey) ?? "", 0);
            }
        }
        var weights = new double[constraints.Count];
        for (var i = 0; i < constraints.Count; i++)
        {
            var size = constraints[i].TopologyKey == SpreadConstraint.LabelHostname ? nodes.Count - ignored.Count : counts[i].Count;
            weights[i] = Math.Log(size + 2);
        }
        CountDomains(pod, constraints, counts, requireAll, all);
        state.Write(ScoreKey, new ScoreState { Constraints = constraints, Counts = counts, Weights = weights, Ignored = ignored });
        return Status.Success;
    }

    /// <summary>Adds, over all nodes, the matching pods of each domain that some feasible node belongs to.</summary>
    private static void CountDomains(PodInfo pod, List<SpreadConstraint> constraints, Dictionary<string, long>[] counts, bool requireAll,
        IReadOnlyList<NodeInfo> all)
    {
        if (constraints.All(c => c.TopologyKey == SpreadConstraint.LabelHostname)) return;
        var required = RequiredNodeAffinity.Of(pod.Pod);
        foreach (var node in all)
        {
            var n = node.Node!;
            var labels = n.Metadata.Labels;
            if (requireAll && !SpreadConstraint.NodeHasAllKeys(labels, constraints)) continue;
            for (var i = 0; i < constraints.Count; i++)
            {
                var c = constraints[i];
                if (c.TopologyKey == SpreadConstraint.LabelHostname || !c.Includes(pod.Pod, n, required)) continue;
                var value = labels?.GetValueOrDefault(c.TopologyKey) ?? "";
                if (counts[i].TryGetValue(value, out var current)) counts[i][value] = current + c.CountMatching(node.Pods, pod.Namespace);
            }
        }
    }

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Get(ScoreKey);
        if (s.Ignored.Contains(node.Name)) return (0, Status.Success);
        var labels = node.Node?.Metadata.Labels;
        double score = 0;
        for (var i = 0; i < s.Constraints.Count; i++)
        {
            var c = s.Constraints[i];
            if (labels is null || !labels.TryGetValue(c.TopologyKey, out var value)) continue;
            long count = c.TopologyKey == SpreadConstraint.LabelHostname ? c.CountMatching(node.Pods, pod.Namespace) : s.Counts[i].GetValueOrDefault(value);
            score += count * s.Weights[i] + (c.MaxSkew - 1);
        }
        return ((long)Math.Round(score, MidpointRounding.AwayFromZero), Status.Success);
    }

    /// <summary>Fewer matching pods is better: 100 × (max + min − score) / max; ignored nodes get 0; all-zero gets 100.</summary>
    public Status NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        if (state.Read(ScoreKey) is not { } s) return Status.Success;
        long min = long.MaxValue, max = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (s.Ignored.Contains(nodes[i].Name)) continue;
            min = Math.Min(min, scores[i]);
            max = Math.Max(max, scores[i]);
        }
        for (var i = 0; i < scores.Length; i++)
        {
            if (s.Ignored.Contains(nodes[i].Name)) scores[i] = 0;
            else if (max == 0) scores[i] = SchedulingFramework.MaxNodeScore;
            else scores[i] = SchedulingFramework.MaxNodeScore * (max + min - scores[i]) / max;
        }
        return Status.Success;
    }
}
