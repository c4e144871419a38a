using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Selectors;

namespace Orca.Scheduler.Framework;

/// <summary>
/// A parsed pod (anti-)affinity term: which pods it selects (namespaces, namespace selector, label
/// selector) and the topology key they are grouped by. Immutable.
/// </summary>
internal sealed class AffinityTerm
{
    public AffinityTerm(IReadOnlySet<string> namespaces, LabelSelectorExpr selector, string topologyKey, LabelSelectorExpr namespaceSelector)
    {
        Namespaces = namespaces;
        Selector = selector;
        TopologyKey = topologyKey;
        NamespaceSelector = namespaceSelector;
    }

    /// <summary>Namespaces named by the term (its owner's namespace when it names none and has no namespace selector).</summary>
    public IReadOnlySet<string> Namespaces { get; }

    public LabelSelectorExpr Selector { get; }

    public string TopologyKey { get; }

    /// <summary>Namespaces chosen by their labels; <see cref="LabelSelectorExpr.Nothing"/> when the term has none.</summary>
    public LabelSelectorExpr NamespaceSelector { get; }

    /// <summary>
    /// A text equal for two terms exactly when they select the same pods by the same topology key (canonical
    /// selector text, sorted namespaces), so that pods carrying the same term can be counted together.
    /// </summary>
    public string Identity => _identity ??= string.Join('\0', TopologyKey, string.Join(',', Namespaces.Order(StringComparer.Ordinal)),
        SelectorText(Selector), SelectorText(NamespaceSelector));

    private string? _identity;

    private static string SelectorText(LabelSelectorExpr selector) => selector.MatchesNothing ? "\u0001" : selector.ToString();

    /// <summary>
    /// True when <paramref name="pod"/> is in one of the term's namespaces (named, or whose labels
    /// <paramref name="namespaceLabels"/> match the namespace selector) and its labels match the selector.
    /// </summary>
    public bool Matches(Pod pod, IReadOnlyDictionary<string, string>? namespaceLabels)
    {
        var ns = pod.Metadata.Namespace ?? "";
        if (!Namespaces.Contains(ns) && !NamespaceSelector.Matches(namespaceLabels)) return false;
        return Selector.Matches(pod.Metadata.Labels);
    }

    /// <summary>This term with extra namespaces and no namespace selector (the selector resolved to names).</summary>
    public AffinityTerm WithNamespaces(IEnumerable<string> resolved)
    {
        var merged = new HashSet<string>(Namespaces, StringComparer.Ordinal);
        merged.UnionWith(resolved);
        return new AffinityTerm(merged, Selector, TopologyKey, LabelSelectorExpr.Nothing);
    }

    /// <summary>
    /// Parses <paramref name="term"/> of a pod; null when its selectors are invalid (such a term
    /// never matches, as upstream ignores terms it cannot parse). matchLabelKeys and mismatchLabelKeys
    /// add "key in (pod's value)" and "key notin (pod's value)" for the owner's labels.
    /// </summary>
    public static AffinityTerm? Parse(Pod owner, PodAffinityTerm term)
    {
        if (!LabelSelectorConverter.TryConvert(term.LabelSelector, out var selector, out _)) return null;
        selector = WithLabelKeys(selector, owner.Metadata.Labels, term.MatchLabelKeys, LabelOperator.In);
        selector = WithLabelKeys(selector, owner.Metadata.Labels, term.MismatchLabelKeys, LabelOperator.NotIn);
        if (!LabelSelectorConverter.TryConvert(term.NamespaceSelector, out var nsSelector, out _)) return null;
        var namespaces = new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal);
        if (namespaces.Count == 0 && term.NamespaceSelector is null) namespaces.Add(owner.Metadata.Namespace ?? "");
        return new AffinityTerm(namespaces, selector, term.TopologyKey, nsSelector);
    }

    private static LabelSelectorExpr WithLabelKeys(LabelSelectorExpr selector, Dictionary<string, string>? labels, List<string>? keys,
        LabelOperator op)
    {
        if (keys is not { Count: > 0 } || labels is null || selector.MatchesNothing) return selector;
        var requirements = selector.Requirements.ToList();
        foreach (var key in keys)
        {
            if (labels.TryGetValue(key, out var value) && LabelRequirement.TryCreate(key, op, [value], out var r, out _)) requirements.Add(r);
        }
        return LabelSelectorExpr.FromRequirements(requirements);
    }
}

/// <summary>A preferred (anti-)affinity term and its weight (1–100).</summary>
internal sealed record WeightedAffinityTerm(AffinityTerm Term, int Weight);

/// <summary>Parsing of whole term lists, skipping terms that do not parse.</summary>
internal static class AffinityTerms
{
    public static AffinityTerm[] Required(Pod pod, List<PodAffinityTerm>? terms) =>
        terms is not { Count: > 0 } ? [] : terms.Select(t => AffinityTerm.Parse(pod, t)).OfType<AffinityTerm>().ToArray();

    public static WeightedAffinityTerm[] Preferred(Pod pod, List<WeightedPodAffinityTerm>? terms)
    {
        if (terms is not { Count: > 0 }) return [];
        var parsed = new List<WeightedAffinityTerm>(terms.Count);
        foreach (var t in terms)
        {
            if (t.Weight == 0) continue;
            if (AffinityTerm.Parse(pod, t.PodAffinityTerm) is { } term) parsed.Add(new WeightedAffinityTerm(term, t.Weight));
        }
        return parsed.ToArray();
    }
}
