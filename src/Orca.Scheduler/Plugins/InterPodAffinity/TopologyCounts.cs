using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Matching-term counts per topology domain (topology key, value) — e.g. ("zone", "a") → 2. Entries
/// that drop to zero are removed, so "no entry" and "zero" mean the same. Not thread-safe.
/// </summary>
internal sealed class TopologyCounts
{
    private readonly Dictionary<(string Key, string Value), long> _counts = new();

    public int Count => _counts.Count;

    public long this[string key, string value] => _counts.GetValueOrDefault((key, value));

    public IEnumerable<(string Key, string Value)> Domains => _counts.Keys;

    public void Update(Node node, string topologyKey, long delta)
    {
        if (node.Metadata.Labels is not { } labels || !labels.TryGetValue(topologyKey, out var value)) return;
        var pair = (topologyKey, value);
        var next = _counts.GetValueOrDefault(pair) + delta;
        if (next == 0) _counts.Remove(pair);
        else _counts[pair] = next;
    }

    /// <summary>Counts <paramref name="delta"/> for each of the terms when <paramref name="pod"/> matches all of them.</summary>
    public void UpdateWithAffinityTerms(AffinityTerm[] terms, Pod pod, Node node, long delta)
    {
        if (!MatchesAll(terms, pod)) return;
        foreach (var t in terms) Update(node, t.TopologyKey, delta);
    }

    /// <summary>Counts <paramref name="delta"/> for each term that <paramref name="pod"/> matches.</summary>
    public void UpdateWithAntiAffinityTerms(AffinityTerm[] terms, Pod pod, IReadOnlyDictionary<string, string>? nsLabels, Node node, long delta)
    {
        foreach (var t in terms)
        {
            if (t.Matches(pod, nsLabels)) Update(node, t.TopologyKey, delta);
        }
    }

    public void Add(TopologyCounts other)
    {
        foreach (var (pair, count) in other._counts)
        {
            var next = _counts.GetValueOrDefault(pair) + count;
            if (next == 0) _counts.Remove(pair);
            else _counts[pair] = next;
        }
    }

    /// <summary>True when the pod matches every term (and there is at least one).</summary>
    public static bool MatchesAll(AffinityTerm[] terms, Pod pod)
    {
        if (terms.Length == 0) return false;
        foreach (var t in terms)
        {
            if (!t.Matches(pod, null)) return false;
        }
        return true;
    }

    public TopologyCounts Clone()
    {
        var copy = new TopologyCounts();
        foreach (var (k, v) in _counts) copy._counts[k] = v;
        return copy;
    }
}
