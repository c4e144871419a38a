using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.InterPodAffinity;

internal sealed partial class InterPodAffinityPlugin
{
    private static readonly StateKey<ScoreState> ScoreKey = new("PreScore" + Names.InterPodAffinity);

    /// <summary>
    /// The score of a node is the sum, over layers, of the layer's count for the node's value of the layer's
    /// topology key times the layer's factor. Layers are the snapshot's maintained counts (never copied).
    /// </summary>
    private sealed class ScoreState : IStateData
    {
        public List<(string Key, TopologyCounts Counts, long Factor)> Layers { get; } = [];

        public IStateData Copy() => this;

        public void Add(string key, TopologyCounts counts, long factor)
        {
            if (counts.Count > 0 && factor != 0) Layers.Add((key, counts, factor));
        }
    }

    /// <summary>
    /// Collects, from the snapshot's affinity index, what upstream sums by walking existing pods (all of them
    /// when the incoming pod has preferred terms, otherwise only pods with affinity): +weight per existing pod
    /// matching a preferred affinity term of the pod, −weight per match of a preferred anti-affinity term,
    /// +hardPodAffinityWeight per existing pod whose required affinity term matches the pod, ± the weights of
    /// existing pods' preferred terms that match the pod — each in the domain of the existing pod's node.
    /// </summary>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        if (nodes.Count == 0) return Status.SkipStatus;
        var preferredAffinity = MergeNamespaces(pod.PreferredAffinityTerms);
        var preferredAnti = MergeNamespaces(pod.PreferredAntiAffinityTerms);
        var hasConstraints = preferredAffinity.Length > 0 || preferredAnti.Length > 0;
        if (_ignorePreferredTermsOfExistingPods && !hasConstraints) return Status.SkipStatus;
        var snapshot = handle.Snapshot;
        var index = snapshot.Affinity;
        var nsLabels = handle.Namespaces.Labels(pod.Namespace);
        var s = new ScoreState();
        foreach (var t in preferredAffinity) s.Add(t.Term.TopologyKey, index.Matching([t.Term], snapshot.Nodes), t.Weight);
        foreach (var t in preferredAnti) s.Add(t.Term.TopologyKey, index.Matching([t.Term], snapshot.Nodes), -t.Weight);
        if (_hardPodAffinityWeight > 0)
        {
            foreach (var g in index.RequiredAffinity)
            {
                if (g.Term.Matches(pod.Pod, nsLabels)) s.Add(g.Term.TopologyKey, g.Counts, _hardPodAffinityWeight);
            }
        }
        foreach (var g in index.Preferred)
        {
            if (g.Term.Matches(pod.Pod, nsLabels)) s.Add(g.Term.TopologyKey, g.Counts, 1);
        }
        if (s.Layers.Count == 0) return Status.SkipStatus;
        state.Write(ScoreKey, s);
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Get(ScoreKey);
        if (node.Node?.Metadata.Labels is not { } labels) return (0, Status.Success);
        long score = 0;
        foreach (var (key, counts, factor) in s.Layers)
        {
            if (labels.TryGetValue(key, out var value)) score += counts[key, value] * factor;
        }
        return (score, Status.Success);
    }

    /// <summary>Min–max scaling to 0–100 (all equal: all 0).</summary>
    public Status NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        if (state.Read(ScoreKey) is not { Layers.Count: > 0 }) return Status.Success;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var score in scores)
        {
            min = Math.Min(min, score);
            max = Math.Max(max, score);
        }
        var diff = max - min;
        for (var i = 0; i < scores.Length; i++)
            scores[i] = diff > 0 ? (long)(SchedulingFramework.MaxNodeScore * ((double)(scores[i] - min) / diff)) : 0;
        return Status.Success;
    }
}
