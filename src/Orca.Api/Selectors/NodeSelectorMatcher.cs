using Orca.Api.Core;

namespace Orca.Api.Selectors;

/// <summary>
/// A parsed core/v1 NodeSelector: its terms are ORed, each term's requirements ANDed. matchExpressions
/// support In, NotIn, Exists, DoesNotExist, Gt and Lt (integers); matchFields support metadata.name with
/// In/NotIn and exactly one value. A term that does not parse never matches (as upstream ignores it);
/// an empty term matches nothing; no terms matches nothing. Immutable and thread-safe.
/// </summary>
public sealed class NodeSelectorMatcher
{
    private readonly Term[] _terms;

    private NodeSelectorMatcher(Term[] terms) => _terms = terms;

    private sealed record Term(LabelSelectorExpr? Labels, (string Name, bool In)[]? Fields);

    public static NodeSelectorMatcher Parse(NodeSelector selector)
    {
        var terms = new List<Term>();
        foreach (var t in selector.NodeSelectorTerms)
        {
            if (t.MatchExpressions is not { Count: > 0 } && t.MatchFields is not { Count: > 0 }) continue;
            if (ParseTerm(t) is { } parsed) terms.Add(parsed);
        }
        return new NodeSelectorMatcher(terms.ToArray());
    }

    /// <summary>Parses a single term (preferred scheduling terms); null when it is empty or invalid.</summary>
    public static NodeSelectorMatcher? ParseTermOnly(NodeSelectorTerm term)
    {
        if (term.MatchExpressions is not { Count: > 0 } && term.MatchFields is not { Count: > 0 }) return null;
        return ParseTerm(term) is { } parsed ? new NodeSelectorMatcher([parsed]) : null;
    }

    public bool Matches(Node node)
    {
        foreach (var t in _terms)
        {
            if (TermMatches(t, node)) return true;
        }
        return false;
    }

    private static bool TermMatches(Term t, Node node)
    {
        if (t.Labels is not null && !t.Labels.Matches(node.Metadata.Labels)) return false;
        if (t.Fields is null) return true;
        var name = node.Metadata.Name ?? "";
        foreach (var (value, isIn) in t.Fields)
        {
            if ((name == value) != isIn) return false;
        }
        return true;
    }

    private static Term? ParseTerm(NodeSelectorTerm term)
    {
        LabelSelectorExpr? labels = null;
        if (term.MatchExpressions is { Count: > 0 } expressions)
        {
            var requirements = new List<LabelRequirement>(expressions.Count);
            foreach (var e in expressions)
            {
                if (Operator(e.Operator) is not { } op) return null;
                if (!LabelRequirement.TryCreate(e.Key, op, e.Values ?? [], out var r, out _)) return null;
                requirements.Add(r);
            }
            labels = LabelSelectorExpr.FromRequirements(requirements);
        }
        (string, bool)[]? fields = null;
        if (term.MatchFields is { Count: > 0 } matchFields)
        {
            fields = new (string, bool)[matchFields.Count];
            for (var i = 0; i < matchFields.Count; i++)
            {
                var f = matchFields[i];
                if (f.Key != "metadata.name" || f.Values is not { Count: 1 } || f.Operator is not ("In" or "NotIn")) return null;
                fields[i] = (f.Values[0], f.Operator == "In");
            }
        }
        return new Term(labels, fields);
    }

    private static LabelOperator? Operator(string op) => op switch
    {
        "In" => LabelOperator.In,
        "NotIn" => LabelOperator.NotIn,
        "Exists" => LabelOperator.Exists,
        "DoesNotExist" => LabelOperator.DoesNotExist,
        "Gt" => LabelOperator.GreaterThan,
        "Lt" => LabelOperator.LessThan,
        _ => null,
    };
}

/// <summary>
/// A pod's hard node constraints: spec.nodeSelector (every label must equal) and the required node
/// affinity terms. Immutable and thread-safe.
/// </summary>
public sealed class RequiredNodeAffinity
{
    private readonly LabelSelectorExpr? _nodeSelector;
    private readonly NodeSelectorMatcher? _affinity;

    private RequiredNodeAffinity(LabelSelectorExpr? nodeSelector, NodeSelectorMatcher? affinity)
    {
        _nodeSelector = nodeSelector;
        _affinity = affinity;
    }

    public static RequiredNodeAffinity Of(Pod pod) => Of(pod.Spec);

    /// <summary>The constraints of a pod spec (e.g. a controller's template, before any pod exists).</summary>
    public static RequiredNodeAffinity Of(PodSpec spec)
    {
        var selector = spec.NodeSelector is { Count: > 0 } ns ? LabelSelectorExpr.FromSet(ns) : null;
        var required = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return new RequiredNodeAffinity(selector, required is null ? null : NodeSelectorMatcher.Parse(required));
    }

    /// <summary>True when the pod has neither a node selector nor required node affinity.</summary>
    public bool IsEmpty => _nodeSelector is null && _affinity is null;

    public bool Matches(Node node) =>
        (_nodeSelector is null || _nodeSelector.Matches(node.Metadata.Labels)) && (_affinity is null || _affinity.Matches(node));
}
