using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.InterPodAffinity;

internal sealed partial class InterPodAffinityPlugin
{
    private static readonly StateKey<ScoreState> ScoreKey = new("PreScore" + Names.InterPodAffinity);

    /// <summary>Score per topology key and value, summed from preferred terms (and existing pods' required affinity).</summary>
    private sealed class ScoreState : IStateData
    {
        public Dictionary<string, Dictionary<string, long>> TopologyScore { get; } = new(StringComparer.Ordinal);

        public IStateData Copy() => this;

        public void Add(string key, string value, long delta)
        {
            if (!TopologyScore.TryGetValue(key, out var byValue)) TopologyScore[key] = byValue = new(StringComparer.Ordinal);
            byValue[value] = byValue.GetValueOrDefault(value) + delta;
        }
    }

    /// <summary>
    /// Walks existing pods (all of them when the incoming pod has preferred terms, otherwise only pods with
    /// affinity) and credits each of their node's domains: +weight for the incoming pod's preferred affinity
    /// terms they match, −weight for its preferred anti-affinity, +hardPodAffinityWeight for their required
    /// affinity terms the incoming pod matches, ± their own preferred terms the incoming pod matches.
    /// </summary>
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        if (nodes.Count == 0) return Status.SkipStatus;
        var preferredAffinity = MergeNamespaces(pod.PreferredAffinityTerms);
        var preferredAnti = MergeNamespaces(pod.PreferredAntiAffinityTerms);
        var hasConstraints = preferredAffinity.Length > 0 || preferredAnti.Length > 0;
        if (_ignorePreferredTermsOfExistingPods && !hasConstraints) return Status.SkipStatus;
        var snapshot = handle.Snapshot;
        var candidates = hasConstraints ? snapshot.Nodes : snapshot.NodesWithAffinityPods;
        if (candidates.Count == 0) return Status.SkipStatus;
        var nsLabels = handle.Namespaces.Labels(pod.Namespace);
        var s = new ScoreState();
        foreach (var node in candidates)
        {
            if (node.Node?.Metadata.Labels is not { Count: > 0 } labels) continue;
            foreach (var existing in hasConstraints ? node.Pods : node.PodsWithAffinity)
            {
                Credit(s, preferredAffinity, existing.Pod, null, labels, 1);
                Credit(s, preferredAnti, existing.Pod, null, labels, -1);
                if (_hardPodAffinityWeight > 0)
                {
                    foreach (var t in existing.RequiredAffinityTerms) Credit(s, t, _hardPodAffinityWeight, pod.Pod, nsLabels, labels);
                }
                Credit(s, existing.PreferredAffinityTerms, pod.Pod, nsLabels, labels, 1);
                Credit(s, existing.PreferredAntiAffinityTerms, pod.Pod, nsLabels, labels, -1);
            }
        }
        if (s.TopologyScore.Count == 0) return Status.SkipStatus;
        state.Write(ScoreKey, s);
        return Status.Success;
    }

    private static void Credit(ScoreState s, WeightedAffinityTerm[] terms, Pod pod, IReadOnlyDictionary<string, string>? nsLabels,
        IReadOnlyDictionary<string, string> nodeLabels, int sign)
    {
        foreach (var t in terms) Credit(s, t.Term, t.Weight * sign, pod, nsLabels, nodeLabels);
    }

    private static void Credit(ScoreState s, AffinityTerm term, long weight, Pod pod, IReadOnlyDictionary<string, string>? nsLabels,
        IReadOnlyDictionary<string, string> nodeLabels)
    {
        if (term.Matches(pod, nsLabels) && nodeLabels.TryGetValue(term.TopologyKey, out var value)) s.Add(term.TopologyKey, value, weight);
    }

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Get(ScoreKey);
        if (node.Node?.Metadata.Labels is not { } labels) return (0, Status.Success);
        long score = 0;
        foreach (var (key, byValue) in s.TopologyScore)
        {
            if (labels.TryGetValue(key, out var value)) score += byValue.GetValueOrDefault(value);
        }
        return (score, Status.Success);
    }

    /// <summary>Min–max scaling to 0–100 (all equal: all 0).</summary>
    public Status NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        if (state.Read(ScoreKey) is not { TopologyScore.Count: > 0 }) return Status.Success;
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
