using System.Collections;
using System.Globalization;
using System.Text;

namespace Orca.Api.Validation;

/// <summary>Renders values the way Go's fmt verbs do in Kubernetes error messages.</summary>
internal static class GoText
{
    /// <summary>Go's <c>%q</c> / strconv.Quote: double quotes with backslash escapes.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f) sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned)
                        sb.Append(rune.Value > 0xffff ? "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture) : "\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(rune.ToString());
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A bad value as field.Error prints it: strings quoted, numbers and booleans plain, null as
    /// <c>null</c>, string lists as Go's <c>%#v</c> (<c>[]string{"a", "b"}</c>), anything else via ToString.
    /// </summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        IFormattable f and (int or long or short or uint or ulong or double or float or decimal) => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => "[]string{" + string.Join(", ", list.Select(Quote)) + "}",
        IEnumerable e and not string => "[" + string.Join(" ", e.Cast<object?>().Select(o => o?.ToString())) + "]",
        _ => value.ToString() ?? "null",
    };
}
