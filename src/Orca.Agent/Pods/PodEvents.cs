using Orca.Api.Core;

namespace Orca.Agent.Pods;

/// <summary>Where pod events go (the EventRecorder in the agent, a list in tests).</summary>
internal delegate void PodEventSink(Pod pod, string type, string reason, string message);

internal static class GoDuration
{
    /// <summary>A duration the way Go prints it in kubelet messages: 512ms, 1.2s, 1m30s.</summary>
    public static string Format(TimeSpan d)
    {
        if (d <= TimeSpan.Zero) return "0s";
        if (d < TimeSpan.FromSeconds(1)) return $"{Math.Round(d.TotalMilliseconds, 3).ToString(System.Globalization.CultureInfo.InvariantCulture)}ms";
        var minutes = (int)d.TotalMinutes;
        var seconds = Math.Round(d.TotalSeconds - minutes * 60, 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return minutes > 0 ? $"{minutes}m{seconds}s" : $"{seconds}s";
    }
}
