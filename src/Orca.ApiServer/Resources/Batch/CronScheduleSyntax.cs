using System.Globalization;
using System.Text.RegularExpressions;

namespace Orca.ApiServer.Resources.Batch;

/// <summary>
/// Checks a CronJob schedule the way Kubernetes does (the standard five-field cron syntax with
/// month and weekday names, ranges, steps and the @yearly-style descriptors) and returns the
/// parser's message for a bad one. Only validates; computing run times is the CronJob controller's.
/// </summary>
internal static partial class CronScheduleSyntax
{
    private sealed record Bounds(int Min, int Max, string[]? Names = null);

    private static readonly Bounds[] Fields =
    [
        new(0, 59),
        new(0, 23),
        new(1, 31),
        new(1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        new(0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ];

    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    /// <summary>Null when <paramref name="schedule"/> parses; otherwise the error text.</summary>
    public static string? Error(string schedule)
    {
        var spec = schedule.Trim();
        if (spec.Length == 0) return "empty spec string";
        if (spec.StartsWith("TZ=", StringComparison.Ordinal) || spec.StartsWith("CRON_TZ=", StringComparison.Ordinal))
        {
            var space = spec.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0) return "expected exactly 5 fields, found 0: []";
            spec = spec[(space + 1)..].Trim();
        }
        if (spec.StartsWith('@')) return Descriptor(spec);
        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5) return $"expected exactly 5 fields, found {fields.Length}: [{string.Join(" ", fields)}]";
        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var expr in fields[i].Split(','))
            {
                if (Range(expr, Fields[i]) is { } error) return error;
            }
        }
        return null;
    }

    private static string? Descriptor(string spec)
    {
        if (Descriptors.Contains(spec)) return null;
        if (spec.StartsWith("@every ", StringComparison.Ordinal))
            return GoDuration().IsMatch(spec["@every ".Length..]) ? null : $"failed to parse duration {spec}: time: invalid duration {Quote(spec["@every ".Length..])}";
        return $"unrecognized descriptor: {spec}";
    }

    private static string? Range(string expr, Bounds bounds)
    {
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        var singleDigit = lowAndHigh.Length == 1;
        int start, end, step = 1;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end) = (bounds.Min, bounds.Max);
        }
        else
        {
            if (IntOrName(lowAndHigh[0], bounds, out start) is { } e1) return e1;
            switch (lowAndHigh.Length)
            {
                case 1: end = start; break;
                case 2:
                    if (IntOrName(lowAndHigh[1], bounds, out end) is { } e2) return e2;
                    break;
                default: return $"too many hyphens: {expr}";
            }
        }
        switch (rangeAndStep.Length)
        {
            case 1: break;
            case 2:
                if (Int(rangeAndStep[1], out step) is { } e3) return e3;
                if (singleDigit) end = bounds.Max;
                break;
            default: return $"too many slashes: {expr}";
        }
        if (start < bounds.Min) return $"beginning of range ({start}) below minimum ({bounds.Min}): {expr}";
        if (end > bounds.Max) return $"end of range ({end}) above maximum ({bounds.Max}): {expr}";
        if (start > end) return $"beginning of range ({start}) beyond end of range ({end}): {expr}";
        if (step == 0) return $"step of range should be a positive number: {expr}";
        return null;
    }

    private static string? IntOrName(string text, Bounds bounds, out int value)
    {
        var index = bounds.Names is null ? -1 : Array.IndexOf(bounds.Names, text.ToLowerInvariant());
        if (index >= 0)
        {
            value = index + (bounds.Min == 1 ? 1 : 0);
            return null;
        }
        return Int(text, out value);
    }

    private static string? Int(string text, out int value)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            return $"failed to parse int from {text}: strconv.Atoi: parsing {Quote(text)}: invalid syntax";
        return value < 0 ? $"negative number ({value}) not allowed: {text}" : null;
    }

    /// <summary>Go's time.ParseDuration syntax: "0", or numbers with units such as "1h30m" or "1.5s".</summary>
    [GeneratedRegex(@"^(0|([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
