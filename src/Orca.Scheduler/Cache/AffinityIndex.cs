using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Cache;

/// <summary>
/// Per-domain counts that let InterPodAffinity answer in time proportional to the number of distinct terms
/// instead of the number of pods. Two kinds:
/// <list type="bullet">
/// <item>existing pods' terms, grouped by <see cref="AffinityTerm.Identity"/>: for each group, per topology
/// value of the term's key, how many pods carry it (required anti-affinity, required affinity) or the sum of
/// their weights (preferred terms: + for affinity, − for anti-affinity);</item>
/// <item>incoming pods' terms, registered on first use (<see cref="Matching"/>): per domain, how many existing
/// pods match all of the terms. The most recently used <see cref="MaxMatchingEntries"/> are kept.</item>
/// </list>
/// Owned by a <see cref="Snapshot"/> and changed only when the snapshot is brought up to date, so a
/// scheduling cycle reads a stable index. Counts use the node labels of the snapshot copy a pod was counted
/// under, which is what a change or removal subtracts again. Not thread-safe.
/// </summary>
internal sealed class AffinityIndex
{
    public const int MaxMatchingEntries = 32;

    private readonly Dictionary<string, TermGroup> _requiredAntiAffinity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TermGroup> _requiredAffinity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TermGroup> _preferred = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MatchEntry> _matching = new(StringComparer.Ordinal);
    private readonly HashSet<PodInfo> _diff = new(ReferenceEqualityComparer.Instance);
    private long _uses;

    /// <summary>One distinct term carried by existing pods and its per-domain counts (or weight sums).</summary>
    public sealed class TermGroup(AffinityTerm term)
    {
        public AffinityTerm Term { get; } = term;

        public TopologyCounts Counts { get; } = new();

        /// <summary>How many pod terms are in the group (a pod on a node without the key counts here, not in a domain).</summary>
        internal int Members { get; set; }
    }

    private sealed class MatchEntry(AffinityTerm[] terms)
    {
        public AffinityTerm[] Terms { get; } = terms;
        public TopologyCounts Counts { get; } = new();
        public long LastUsed { get; set; }
    }

    /// <summary>Existing pods' required anti-affinity terms.</summary>
    public IEnumerable<TermGroup> RequiredAntiAffinity => _requiredAntiAffinity.Values;

    /// <summary>Existing pods' required affinity terms (scored with hardPodAffinityWeight).</summary>
    public IEnumerable<TermGroup> RequiredAffinity => _requiredAffinity.Values;

    /// <summary>Existing pods' preferred terms, counts holding weight sums.</summary>
    public IEnumerable<TermGroup> Preferred => _preferred.Values;

    public int MatchingEntries => _matching.Count;

    /// <summary>
    /// Per domain, the number of existing pods matching all of <paramref name="terms"/> (namespace selectors
    /// already resolved), +1 for each term's key on the pod's node. Built from <paramref name="nodes"/> (the
    /// owning snapshot's nodes) on first use, kept up to date afterwards. Read-only for the caller.
    /// </summary>
    public TopologyCounts Matching(AffinityTerm[] terms, IReadOnlyList<NodeInfo> nodes)
    {
        var key = terms.Length == 1 ? terms[0].Identity : string.Join('\u0002', terms.Select(t => t.Identity));
        if (!_matching.TryGetValue(key, out var entry))
        {
            if (_matching.Count >= MaxMatchingEntries) _matching.Remove(_matching.MinBy(kv => kv.Value.LastUsed).Key);
            entry = new MatchEntry(terms);
            foreach (var node in nodes)
            {
                if (node.Node is not { } n) continue;
                foreach (var pod in node.Pods) entry.Counts.UpdateWithAffinityTerms(terms, pod.Pod, n, 1);
            }
            _matching[key] = entry;
        }
        entry.LastUsed = ++_uses;
        return entry.Counts;
    }

    /// <summary>Counts a node that entered the snapshot.</summary>
    public void NodeAdded(NodeInfo node) => UpdateAll(node, 1);

    /// <summary>Uncounts a node that left the snapshot.</summary>
    public void NodeRemoved(NodeInfo node) => UpdateAll(node, -1);

    /// <summary>
    /// Moves the counts from <paramref name="before"/> (the snapshot's copy) to <paramref name="after"/> (its new
    /// content): only the pods that came or went when the node's labels are unchanged, everything otherwise.
    /// </summary>
    public void NodeChanged(NodeInfo before, NodeInfo after)
    {
        var all = _matching.Count > 0;
        var old = all ? before.Pods : before.PodsWithAffinity;
        var now = all ? after.Pods : after.PodsWithAffinity;
        if (old.Count == 0 && now.Count == 0) return;
        if (before.Node is not { } bn || after.Node is not { } an || !SameLabels(bn, an))
        {
            UpdateAll(before, -1);
            UpdateAll(after, 1);
            return;
        }
        _diff.UnionWith(old);
        foreach (var pod in now)
        {
            if (!_diff.Remove(pod)) Update(pod, an, 1);
        }
        foreach (var pod in _diff) Update(pod, bn, -1);
        _diff.Clear();
    }

    private static bool SameLabels(Node a, Node b)
    {
        var x = a.Metadata.Labels;
        var y = b.Metadata.Labels;
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null) return (x?.Count ?? 0) == 0 && (y?.Count ?? 0) == 0;
        if (x.Count != y.Count) return false;
        foreach (var (k, v) in x)
        {
            if (!y.TryGetValue(k, out var w) || w != v) return false;
        }
        return true;
    }

    private void UpdateAll(NodeInfo node, int sign)
    {
        if (node.Node is not { } n) return;
        foreach (var pod in _matching.Count > 0 ? node.Pods : node.PodsWithAffinity) Update(pod, n, sign);
    }

    private void Update(PodInfo pod, Node node, int sign)
    {
        if (pod.HasAffinity)
        {
            foreach (var t in pod.RequiredAntiAffinityTerms) UpdateGroup(_requiredAntiAffinity, t, node, sign, sign);
            foreach (var t in pod.RequiredAffinityTerms) UpdateGroup(_requiredAffinity, t, node, sign, sign);
            foreach (var t in pod.PreferredAffinityTerms) UpdateGroup(_preferred, t.Term, node, sign, sign * t.Weight);
            foreach (var t in pod.PreferredAntiAffinityTerms) UpdateGroup(_preferred, t.Term, node, sign, -sign * t.Weight);
        }
        foreach (var entry in _matching.Values) entry.Counts.UpdateWithAffinityTerms(entry.Terms, pod.Pod, node, sign);
    }

    private static void UpdateGroup(Dictionary<string, TermGroup> groups, AffinityTerm term, Node node, int sign, long delta)
    {
        var id = term.Identity;
        if (!groups.TryGetValue(id, out var group)) groups[id] = group = new TermGroup(term);
        group.Counts.Update(node, term.TopologyKey, delta);
        group.Members += sign;
        if (group.Members == 0) groups.Remove(id);
    }
}
