using System.Globalization;

namespace Orca.Controllers.CronJobs;

/// <summary>
/// A parsed cron schedule as CronJobs use it: five fields (minute hour day-of-month month day-of-week) with
/// lists, ranges, steps, "*" or "?", month and weekday names (jan…dec, sun…sat), or one of @yearly, @annually,
/// @monthly, @weekly, @daily, @midnight, @hourly, @every &lt;duration&gt;. Day matching follows classic cron:
/// when either day field is "*" both must match, otherwise either may. Times are read in a time zone (UTC by
/// default). Immutable and thread-safe.
/// </summary>
internal sealed class CronSchedule
{
    private readonly ulong _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _dayStar, _weekdayStar;
    private readonly TimeSpan? _every;

    private CronSchedule(ulong minutes, ulong hours, ulong days, ulong months, ulong weekdays, bool dayStar, bool weekdayStar, TimeZoneInfo zone)
    {
        (_minutes, _hours, _days, _months, _weekdays, _dayStar, _weekdayStar) = (minutes, hours, days, months, weekdays, dayStar, weekdayStar);
        Zone = zone;
    }

    private CronSchedule(TimeSpan every, TimeZoneInfo zone)
    {
        _every = every;
        Zone = zone;
    }

    /// <summary>The zone wall-clock fields are read in.</summary>
    public TimeZoneInfo Zone { get; }

    private static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    /// <summary>Parses <paramref name="spec"/> read in <paramref name="zone"/> (UTC when null); null and an error text when it is malformed.</summary>
    public static CronSchedule? Parse(string spec, TimeZoneInfo? zone, out string? error)
    {
        error = null;
        zone ??= TimeZoneInfo.Utc;
        spec = spec.Trim();
        if (spec.Length == 0)
        {
            error = "empty spec string";
            return null;
        }
        if (spec.StartsWith('@'))
        {
            if (Macros.TryGetValue(spec, out var expanded)) spec = expanded;
            else if (spec.StartsWith("@every ", StringComparison.Ordinal))
            {
                if (GoDuration.TryParse(spec["@every ".Length..].Trim(), out var every)) return new CronSchedule(every < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : every, zone);
                error = $"failed to parse duration {spec}";
                return null;
            }
            else
            {
                error = $"unrecognized descriptor: {spec}";
                return null;
            }
        }
        var fields = spec.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            error = $"expected exactly 5 fields, found {fields.Length}: [{string.Join(" ", fields)}]";
            return null;
        }
        var bits = new ulong[5];
        var stars = new bool[5];
        for (var i = 0; i < 5; i++)
        {
            if (CronField.Parse(fields[i], CronField.All[i], out bits[i], out stars[i]) is { } e)
            {
                error = e;
                return null;
            }
        }
        return new CronSchedule(bits[0], bits[1], bits[2], bits[3], bits[4], stars[2], stars[4], zone);
    }

    /// <summary>
    /// The first activation strictly after <paramref name="after"/>, or null when none comes within five years
    /// (e.g. "0 0 30 2 *"). Wall-clock times that do not exist in the zone (a daylight-saving gap) are skipped; a
    /// repeated wall-clock time activates at its first occurrence.
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        if (_every is { } every) return new DateTimeOffset(after.UtcTicks - after.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) + every;
        var local = TimeZoneInfo.ConvertTime(after, Zone).DateTime;
        var w = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = w.Year + 5;
        while (w.Year <= limit)
        {
            if (!Has(_months, w.Month)) w = new DateTime(w.Year, w.Month, 1).AddMonths(1);
            else if (!DayMatches(w)) w = w.Date.AddDays(1);
            else if (!Has(_hours, w.Hour)) w = w.Date.AddHours(w.Hour + 1);
            else if (!Has(_minutes, w.Minute)) w = w.AddMinutes(1);
            else if (ToUtc(w) is { } utc && utc > after) return utc;
            else w = w.AddMinutes(1);
        }
        return null;
    }

    private bool DayMatches(DateTime w)
    {
        var day = Has(_days, w.Day);
        var weekday = Has(_weekdays, (int)w.DayOfWeek);
        return _dayStar || _weekdayStar ? day && weekday : day || weekday;
    }

    /// <summary>The instant of a wall-clock time in the zone; null in a gap; the earlier instant when it repeats.</summary>
    private DateTimeOffset? ToUtc(DateTime wall)
    {
        if (Zone.IsInvalidTime(wall)) return null;
        var offset = Zone.IsAmbiguousTime(wall) ? Zone.GetAmbiguousTimeOffsets(wall).Max() : Zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }

    private static bool Has(ulong bits, int value) => (bits & (1UL << value)) != 0;
}

/// <summary>One cron field: its bounds and names, and the parser of its list/range/step syntax.</summary>
internal sealed record CronField(int Min, int Max, string[]? Names = null)
{
    public static readonly CronField[] All =
    [
        new(0, 59),
        new(0, 23),
        new(1, 31),
        new(1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        new(0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ];

    /// <summary>The bits of <paramref name="text"/>, and whether it was a bare "*" or "?" (with no step above 1); null or an error.</summary>
    public static string? Parse(string text, CronField field, out ulong bits, out bool star)
    {
        bits = 0;
        star = false;
        foreach (var expr in text.Split(','))
        {
            if (Range(expr, field, out var b, out var s) is { } error) return error;
            bits |= b;
            star |= s;
        }
        return null;
    }

    private static string? Range(string expr, CronField field, out ulong bits, out bool star)
    {
        bits = 0;
        star = false;
        var rangeAndStep = expr.Split('/');
        var lowAndHigh = rangeAndStep[0].Split('-');
        int start, end, step = 1;
        if (lowAndHigh[0] is "*" or "?")
        {
            (start, end, star) = (field.Min, field.Max, true);
        }
        else
        {
            if (Value(lowAndHigh[0], field, out start) is { } e1) return e1;
            end = start;
            if (lowAndHigh.Length == 2 && Value(lowAndHigh[1], field, out end) is { } e2) return e2;
            if (lowAndHigh.Length > 2) return $"too many hyphens: {expr}";
        }
        if (rangeAndStep.Length > 2) return $"too many slashes: {expr}";
        if (rangeAndStep.Length == 2)
        {
            if (!int.TryParse(rangeAndStep[1], NumberStyles.None, CultureInfo.InvariantCulture, out step)) return $"failed to parse int from {rangeAndStep[1]}";
            if (lowAndHigh.Length == 1 && !star) end = field.Max;
            if (step > 1) star = false;
        }
        if (start < field.Min) return $"beginning of range ({start}) below minimum ({field.Min}): {expr}";
        if (end > field.Max) return $"end of range ({end}) above maximum ({field.Max}): {expr}";
        if (start > end) return $"beginning of range ({start}) beyond end of range ({end}): {expr}";
        if (step == 0) return $"step of range should be a positive number: {expr}";
        for (var v = start; v <= end; v += step) bits |= 1UL << v;
        return null;
    }

    private static string? Value(string text, CronField field, out int value)
    {
        var named = field.Names is null ? -1 : Array.IndexOf(field.Names, text.ToLowerInvariant());
        if (named >= 0)
        {
            value = named + field.Min;
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) ? null : $"failed to parse int from {text}";
    }
}

/// <summary>Go's duration syntax ("1h30m", "90s", "1.5h") for @every.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0") return true;
        var i = 0;
        if (text.Length == 0) return false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (start == i || !double.TryParse(text[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.') i++;
            var ticks = text[unitStart..i] switch
            {
                "ns" => 0.01, "us" or "µs" => 10.0, "ms" => TimeSpan.TicksPerMillisecond, "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute, "h" => TimeSpan.TicksPerHour, _ => -1.0,
            };
            if (ticks < 0) return false;
            duration += TimeSpan.FromTicks((long)(number * ticks));
        }
        return true;
    }
}
