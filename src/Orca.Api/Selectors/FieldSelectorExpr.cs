namespace Orca.Api.Selectors;

/// <summary>
/// A parsed field selector: the AND of its terms, sorted by their text. Immutable and thread safe. An
/// empty selector matches everything.
/// </summary>
public sealed class FieldSelectorExpr
{
    internal FieldSelectorExpr(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelectorExpr Everything { get; } = new([]);

    /// <summary>The terms, for the server to check which fields are used (it rejects unsupported ones).</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Evaluates every term against <paramref name="getField"/>, which returns null for an unknown field.</summary>
    public bool Matches(Func<string, string?> getField)
    {
        foreach (var r in Requirements)
        {
            if (!r.Matches(getField)) return false;
        }
        return true;
    }

    public bool Matches(IReadOnlyDictionary<string, string> fields) =>
        Matches(f => fields.TryGetValue(f, out var v) ? v : null);

    /// <summary>
    /// If a term requires <paramref name="field"/> to equal one value (e.g. <c>metadata.name=x</c>), returns it,
    /// so the server can turn the list into a get or narrow it to a namespace.
    /// </summary>
    public bool RequiresExactMatch(string field, out string value)
    {
        foreach (var r in Requirements)
        {
            if (r.Field == field && r.Operator == FieldOperator.Equals)
            {
                value = r.Value;
                return true;
            }
        }
        value = "";
        return false;
    }

    /// <summary>The first field not in <paramref name="supported"/>, or null; the server answers
    /// <c>field label not supported: {field}</c> for it.</summary>
    public string? FirstUnsupportedField(IReadOnlySet<string> supported) =>
        Requirements.Select(r => r.Field).FirstOrDefault(f => !supported.Contains(f));

    /// <summary>Canonical text: terms joined by ',' with escaped values; "" when empty.</summary>
    public override string ToString() => string.Join(",", Requirements.Select(r => r.ToString()));
}
