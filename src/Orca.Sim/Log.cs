using Microsoft.Extensions.Logging;

namespace Orca.Sim;

/// <summary>The sim's log messages, source-generated; event ids are stable.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Count} hollow nodes registered in {Seconds:F1} s")]
    public static partial void NodesRegistered(ILogger logger, int count, double seconds);

    [LoggerMessage(2, LogLevel.Warning, "Sync of hollow node {Node} failed; retrying")]
    public static partial void NodeSyncFailed(ILogger logger, string node, Exception e);

    [LoggerMessage(3, LogLevel.Information, "Heartbeats of hollow node {Node} {Action}")]
    public static partial void Heartbeat(ILogger logger, string node, string action);

    [LoggerMessage(10, LogLevel.Warning, "Sync of pod {Pod} ({Uid}) failed; retrying")]
    public static partial void PodSyncFailed(ILogger logger, string pod, string uid, Exception e);

    [LoggerMessage(11, LogLevel.Warning, "Pod watch failed; retrying")]
    public static partial void WatchFailed(ILogger logger, Exception e);

    [LoggerMessage(12, LogLevel.Information, "{Count} pods were gone at the re-list")]
    public static partial void PodsGoneAtRelist(ILogger logger, int count);
}
