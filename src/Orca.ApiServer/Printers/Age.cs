namespace Orca.ApiServer.Printers;

/// <summary>
/// Kubernetes' human-readable durations (apimachinery duration.HumanDuration): about two or three
/// significant figures, e.g. "45s", "3m20s", "15m", "2h30m", "20h", "3d4h", "40d", "2y10d".
/// Pure functions; safe from any thread.
/// </summary>
internal static class Age
{
    /// <summary>"&lt;unknown&gt;" when the time is unset, else the age of <paramref name="time"/> at <paramref name="now"/>.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } t ? HumanDuration(now - t) : "<unknown>";

    /// <summary>
    /// Formats a duration. A clock skew of up to two seconds into the future reads as "0s"; more than
    /// that is "&lt;invalid&gt;".
    /// </summary>
    public static string HumanDuration(TimeSpan d)
    {
        long seconds = (long)d.TotalSeconds; // truncates toward zero like Go's int(d.Seconds())
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return $"{seconds}s";

        long minutes = seconds / 60;
        if (minutes < 10) return WithRemainder(minutes, "m", seconds % 60, "s");
        if (minutes < 180) return $"{minutes}m";

        long hours = minutes / 60;
        if (hours < 8) return WithRemainder(hours, "h", minutes % 60, "m");
        if (hours < 48) return $"{hours}h";

        long days = hours / 24;
        if (hours < 24 * 8) return WithRemainder(days, "d", hours % 24, "h");
        if (hours < 24 * 365 * 2) return $"{days}d";

        long years = days / 365;
        if (hours < 24 * 365 * 8) return WithRemainder(years, "y", days % 365, "d");
        return $"{years}y";
    }

    private static string WithRemainder(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? $"{major}{majorUnit}" : $"{major}{majorUnit}{minor}{minorUnit}";
}
