namespace Orca.ApiServer.Printers;

/// <summary>Age cells: Kubernetes' human-readable duration since a time, "&lt;unknown&gt;" when unset.</summary>
internal static class Age
{
    public static string Since(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } t ? HumanDuration(now - t) : "<unknown>";

    public static string HumanDuration(TimeSpan d) => Orca.Api.Text.HumanDuration.Format(d);
}
