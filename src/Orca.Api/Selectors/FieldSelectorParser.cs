using System.Text;

namespace Orca.Api.Selectors;

/// <summary>
/// Parses field selectors (<c>metadata.name=web,status.phase!=Running</c>) as Kubernetes' fields.ParseSelector
/// does: terms split on unescaped ','; each term split at its first operator (<c>!=</c>, <c>==</c>, <c>=</c>);
/// no whitespace trimming; in values <c>\\</c>, <c>\,</c> and <c>\=</c> are escapes and a bare ',' or '='
/// is an error. Thread safe.
/// </summary>
public static class FieldSelectorParser
{
    private static readonly string[] Operators = ["!=", "==", "="];

    public static bool TryParse(string? text, out FieldSelectorExpr selector, out string error)
    {
        selector = FieldSelectorExpr.Everything;
        error = "";
        text ??= "";
        var terms = SplitTerms(text);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (var term in terms)
        {
            if (term.Length == 0) continue;
            if (!SplitTerm(term, out var field, out var op, out var raw))
            {
                error = $"invalid selector: '{text}'; can't understand '{term}'";
                return false;
            }
            if (!TryUnescapeValue(raw, out var value, out error)) return false;
            requirements.Add(new FieldRequirement(field, op == "!=" ? FieldOperator.NotEquals : FieldOperator.Equals, value));
        }
        if (requirements.Count > 0) selector = new FieldSelectorExpr(requirements);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for trusted, constant selectors.</summary>
    public static FieldSelectorExpr Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    /// <summary>Escapes '\', ',' and '=' in a value so it can be put into a selector.</summary>
    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    /// <summary>Reverses <see cref="EscapeValue"/>; fails with Kubernetes' message on a bad or missing escape.</summary>
    public static bool TryUnescapeValue(string raw, out string value, out string error)
    {
        value = raw;
        error = "";
        if (raw.IndexOfAny(['\\', ',', '=']) < 0) return true;
        var sb = new StringBuilder(raw.Length);
        var inSlash = false;
        foreach (var rune in raw.EnumerateRunes())
        {
            var c = rune.Value;
            if (inSlash)
            {
                if (c is not ('\\' or ',' or '='))
                {
                    error = "invalid field selector: invalid escape sequence: \\" + rune;
                    return false;
                }
                sb.Append((char)c);
                inSlash = false;
            }
            else if (c == '\\') inSlash = true;
            else if (c is ',' or '=')
            {
                // Kubernetes prints the rune as a number here.
                error = "invalid field selector: unescaped character in value: " + c;
                return false;
            }
            else sb.Append(rune.ToString());
        }
        if (inSlash)
        {
            error = "invalid field selector: invalid escape sequence: \\";
            return false;
        }
        value = sb.ToString();
        return true;
    }

    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        if (text.Length == 0) return terms;
        var start = 0;
        var inSlash = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (inSlash) inSlash = false;
            else if (text[i] == '\\') inSlash = true;
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }
        terms.Add(text[start..]);
        return terms;
    }

    private static bool SplitTerm(string term, out string field, out string op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in Operators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    field = term[..i];
                    op = candidate;
                    value = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }
        field = op = value = "";
        return false;
    }
}
