using System.Globalization;
using System.Text;

namespace Orca.Controllers.Jobs;

/// <summary>
/// A set of completion indexes of an Indexed job in Kubernetes' text form: ascending, comma-separated, every run
/// of consecutive indexes written "first-last" ("1,3-5"; two in a row are "1-2"). Parsing ignores indexes at or
/// beyond the job's completions and malformed parts.
/// </summary>
internal static class CompletionIndexes
{
    /// <summary>The indexes in <paramref name="text"/> below <paramref name="completions"/>.</summary>
    public static SortedSet<int> Parse(string? text, int completions)
    {
        var set = new SortedSet<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (firstText, lastText) = dash < 0 ? (part, part) : (part[..dash], part[(dash + 1)..]);
            if (!int.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last)) continue;
            for (var i = first; i <= last && i < completions; i++) set.Add(i);
        }
        return set;
    }

    /// <summary>"0,2-4,7" for {0,2,3,4,7}; "" for none.</summary>
    public static string Format(IEnumerable<int> indexes)
    {
        var sb = new StringBuilder();
        int? start = null, previous = null;
        foreach (var i in indexes.Distinct().Order())
        {
            if (previous is { } p && i == p + 1)
            {
                previous = i;
                continue;
            }
            Append(sb, start, previous);
            start = previous = i;
        }
        Append(sb, start, previous);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, int? start, int? end)
    {
        if (start is not { } s || end is not { } e) return;
        if (sb.Length > 0) sb.Append(',');
        sb.Append(s.ToString(CultureInfo.InvariantCulture));
        if (e > s) sb.Append('-').Append(e.ToString(CultureInfo.InvariantCulture));
    }
}
