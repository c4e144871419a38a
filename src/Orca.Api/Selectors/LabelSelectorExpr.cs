namespace Orca.Api.Selectors;

/// <summary>
/// A parsed label selector: the AND of its requirements, sorted by key. Immutable and thread safe.
/// <see cref="Everything"/> (no requirements) matches every object; <see cref="Nothing"/> matches none —
/// the meaning of a null metav1.LabelSelector.
/// </summary>
public sealed class LabelSelectorExpr
{
    private LabelSelectorExpr(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    public static LabelSelectorExpr Everything { get; } = new([], false);

    public static LabelSelectorExpr Nothing { get; } = new([], true);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>True only for <see cref="Nothing"/>.</summary>
    public bool MatchesNothing { get; }

    /// <summary>True when the selector does not restrict anything (no requirements and not <see cref="Nothing"/>).</summary>
    public bool IsEmpty => !MatchesNothing && Requirements.Count == 0;

    /// <summary>Builds a selector from already validated requirements; they are ordered by key (stable).</summary>
    public static LabelSelectorExpr FromRequirements(IEnumerable<LabelRequirement> requirements) =>
        new(requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToArray(), false);

    /// <summary>A selector requiring each label to equal the given value (keys and values are not validated).</summary>
    public static LabelSelectorExpr FromSet(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || labels.Count == 0) return Everything;
        var list = new List<LabelRequirement>();
        foreach (var (k, v) in labels)
        {
            LabelRequirement.TryCreate(k, LabelOperator.Equals, [v], out var r, out _);
            list.Add(r);
        }
        return FromRequirements(list);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (MatchesNothing) return false;
        foreach (var r in Requirements)
        {
            if (!r.Matches(labels)) return false;
        }
        return true;
    }

    /// <summary>
    /// If the selector pins <paramref name="key"/> to one value (<c>=</c>, <c>==</c> or a one-value <c>in</c>),
    /// returns it; used to narrow list queries.
    /// </summary>
    public bool RequiresExactMatch(string key, out string value)
    {
        foreach (var r in Requirements)
        {
            if (r.Key != key) continue;
            if (r.Operator is LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.In && r.Values.Count == 1)
            {
                value = r.Values[0];
                return true;
            }
            break;
        }
        value = "";
        return false;
    }

    /// <summary>Canonical text, requirements joined by ','; "" for both Everything and Nothing.</summary>
    public override string ToString() => string.Join(",", Requirements.Select(r => r.ToString()));
}
