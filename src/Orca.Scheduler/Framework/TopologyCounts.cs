using Orca.Api.Core;

namespace Orca.Scheduler.Framework;

/// <summary>
/// Matching-term counts per topology domain (topology key, value) — e.g. ("zone", "a") → 2. Entries
/// that drop to zero are removed, so "no entry" and "zero" mean the same. A counts object may sit
/// <see cref="Over"/> a shared base that it reads through but never writes: a scheduling cycle starts
/// from the snapshot's maintained counts without copying them and records its what-if changes (nominated
/// pods, preemption victims) in its own layer. The base must not change while the layer is in use.
/// Not thread-safe for writes; concurrent reads are fine.
/// </summary>
internal sealed class TopologyCounts
{
    // Keyed by topology key, then value: ordinal string dictionaries hash faster than tuple keys, and a Filter
    // looks up one (key, value) per node of a scan.
    private readonly Dictionary<string, Dictionary<string, long>> _counts = new(StringComparer.Ordinal);
    private readonly TopologyCounts? _base;
    private int _entries;
    private int _nonZero;

    public TopologyCounts()
    {
    }

    private TopologyCounts(TopologyCounts @base)
    {
        _base = @base;
        _nonZero = @base.Count;
    }

    /// <summary>A writable layer over <paramref name="base"/> that starts equal to it.</summary>
    public static TopologyCounts Over(TopologyCounts @base) => new(@base);

    /// <summary>Domains with a non-zero count.</summary>
    public int Count => _base is null ? _entries : _nonZero;

    public long this[string key, string value] => Own(key, value) + (_base?.Own(key, value) ?? 0);

    private long Own(string key, string value) => _counts.TryGetValue(key, out var byValue) ? byValue.GetValueOrDefault(value) : 0;

    /// <summary>Adds <paramref name="delta"/> to the node's domain for <paramref name="topologyKey"/> (nothing when the node lacks the label).</summary>
    public void Update(Node node, string topologyKey, long delta)
    {
        if (node.Metadata.Labels is not { } labels || !labels.TryGetValue(topologyKey, out var value)) return;
        Add(topologyKey, value, delta);
    }

    private void Add(string key, string value, long delta)
    {
        if (delta == 0) return;
        var before = _base is null ? 0 : this[key, value];
        if (!_counts.TryGetValue(key, out var byValue)) _counts[key] = byValue = new Dictionary<string, long>(StringComparer.Ordinal);
        var own = byValue.GetValueOrDefault(value) + delta;
        if (own == 0)
        {
            if (byValue.Remove(value)) _entries--;
        }
        else
        {
            if (byValue.TryAdd(value, own)) _entries++;
            else byValue[value] = own;
        }
        if (_base is null) return;
        var after = before + delta;
        if (before == 0) _nonZero++;
        else if (after == 0) _nonZero--;
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

    /// <summary>Adds every count of <paramref name="other"/> (times <paramref name="factor"/>) to this one.</summary>
    public void Add(TopologyCounts other, long factor = 1)
    {
        foreach (var (key, byValue) in other._counts)
        {
            foreach (var (value, count) in byValue) Add(key, value, count * factor);
        }
        if (other._base is { } b) Add(b, factor);
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

    /// <summary>An independent copy of this layer (a layered copy shares the same base).</summary>
    public TopologyCounts Clone()
    {
        var copy = _base is null ? new TopologyCounts() : new TopologyCounts(_base);
        foreach (var (k, v) in _counts) copy._counts[k] = new Dictionary<string, long>(v, StringComparer.Ordinal);
        copy._entries = _entries;
        copy._nonZero = _nonZero;
        return copy;
    }
}
