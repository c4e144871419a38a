using System.Globalization;

namespace Orca.Scheduler.Config;

/// <summary>Go's time.ParseDuration: a sequence of decimal numbers with units ns, us, µs, ms, s, m, h ("1m30s", "1.5h").</summary>
internal static class GoDuration
{
    public static TimeSpan Parse(string text)
    {
        var s = text.Trim();
        if (s is "0") return TimeSpan.Zero;
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        if (s.Length == 0) throw Invalid(text);
        double ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (start == i || !double.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) throw Invalid(text);
            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            ticks += value * s[unitStart..i] switch
            {
                "ns" => 0.01,
                "us" or "µs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => throw Invalid(text),
            };
        }
        return TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
    }

    private static FormatException Invalid(string text) => new($"time: invalid duration \"{text}\"");
}
