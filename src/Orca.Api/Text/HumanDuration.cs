using System.Globalization;

namespace Orca.Api.Text;

/// <summary>
/// Durations for humans, as kubectl prints AGE columns (k8s.io/apimachinery/pkg/util/duration). Both
/// forms print "&lt;invalid&gt;" for durations under -1s and "0s" for [-1s, 0s), tolerating small clock skew.
/// Thread safe.
/// </summary>
public static class HumanDuration
{
    /// <summary>
    /// Two to three significant figures: seconds below 2m, "XmYs" below 10m, minutes below 3h, "XhYm" below
    /// 8h, hours below 48h, "XdYh" below 8d, days below 2y, "XyYd" below 8y, then years (a year is 365 days).
    /// Zero second parts are dropped ("5m", "3h", "4d").
    /// </summary>
    public static string Format(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return I($"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 10) return Pair(minutes, "m", seconds % 60, "s");
        if (minutes < 60 * 3) return I($"{minutes}m");
        var hours = seconds / 3600;
        if (hours < 8) return Pair(hours, "h", minutes % 60, "m");
        if (hours < 48) return I($"{hours}h");
        if (hours < 24 * 8) return Pair(hours / 24, "d", hours % 24, "h");
        if (hours < 24 * 365 * 2) return I($"{hours / 24}d");
        if (hours < 24 * 365 * 8) return Pair(hours / 24 / 365, "y", hours / 24 % 365, "d");
        return I($"{hours / 24 / 365}y");
    }

    /// <summary>One unit only: seconds below 1m, minutes below 1h, hours below 1d, days below 365d, then years.</summary>
    public static string FormatShort(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60) return I($"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 60) return I($"{minutes}m");
        var hours = seconds / 3600;
        if (hours < 24) return I($"{hours}h");
        if (hours < 24 * 365) return I($"{hours / 24}d");
        return I($"{hours / 24 / 365}y");
    }

    /// <summary>The age of something created at <paramref name="since"/>, or "&lt;unknown&gt;" without a timestamp.</summary>
    public static string Age(DateTimeOffset? since, TimeProvider clock) =>
        since is { } t ? Format(clock.GetUtcNow() - t) : "<unknown>";

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? I($"{major}{majorUnit}") : I($"{major}{majorUnit}{minor}{minorUnit}");

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The short form of <see cref="HumanDuration"/> under the name Kubernetes uses.</summary>
public static class ShortHumanDuration
{
    public static string Format(TimeSpan d) => HumanDuration.FormatShort(d);
}
