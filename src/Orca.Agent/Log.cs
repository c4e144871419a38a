using Microsoft.Extensions.Logging;

namespace Orca.Agent;

/// <summary>The agent's log messages, source-generated; event ids are stable.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Node {Node} registered")]
    public static partial void NodeRegistered(ILogger logger, string node);

    [LoggerMessage(2, LogLevel.Warning, "Node status update of {Node} failed")]
    public static partial void NodeStatusFailed(ILogger logger, string node, Exception e);

    [LoggerMessage(3, LogLevel.Warning, "Node lease renewal of {Node} failed")]
    public static partial void LeaseFailed(ILogger logger, string node, Exception e);

    [LoggerMessage(4, LogLevel.Warning, "Registering node {Node} with the API server failed; retrying in {Seconds} s")]
    public static partial void NodeRegistrationFailed(ILogger logger, string node, double seconds, Exception e);

    [LoggerMessage(10, LogLevel.Warning, "Sync of pod {Pod} ({Uid}) failed; retrying")]
    public static partial void SyncFailed(ILogger logger, string pod, string uid, Exception e);

    [LoggerMessage(11, LogLevel.Information, "Pod {Pod} ({Uid}) worker {From} -> {To}")]
    public static partial void WorkerState(ILogger logger, string pod, string uid, string from, string to);

    [LoggerMessage(12, LogLevel.Warning, "Status update of pod {Pod} failed")]
    public static partial void StatusFailed(ILogger logger, string pod, Exception e);

    [LoggerMessage(13, LogLevel.Information, "Removing sandbox {Sandbox} of pod uid {Uid}: the pod is gone")]
    public static partial void SandboxCollected(ILogger logger, string sandbox, string uid);

    [LoggerMessage(14, LogLevel.Warning, "Relist of the runtime failed")]
    public static partial void RelistFailed(ILogger logger, Exception e);

    [LoggerMessage(20, LogLevel.Warning, "Static pod manifest {File} is invalid: {Error}")]
    public static partial void BadManifest(ILogger logger, string file, string error);

    [LoggerMessage(21, LogLevel.Warning, "Mirror pod of {Pod} could not be written")]
    public static partial void MirrorFailed(ILogger logger, string pod, Exception e);

    [LoggerMessage(22, LogLevel.Warning, "Static pod directory {Dir} cannot be watched; changes are seen at the periodic check")]
    public static partial void ManifestWatchFailed(ILogger logger, string dir, Exception e);

    [LoggerMessage(30, LogLevel.Debug, "Probe {Probe} of {Container} in {Pod}: {Result} {Message}")]
    public static partial void ProbeResult(ILogger logger, string probe, string container, string pod, string result, string message);

    [LoggerMessage(40, LogLevel.Information, "Image filesystem usage {Used}% is at or over the high threshold {High}%: freeing {Bytes} bytes")]
    public static partial void ImageGcStarting(ILogger logger, long used, int high, long bytes);

    [LoggerMessage(41, LogLevel.Information, "Removing unused image {Image} ({Size} bytes)")]
    public static partial void ImageRemoved(ILogger logger, string image, long size);

    [LoggerMessage(42, LogLevel.Warning, "Image garbage collection failed")]
    public static partial void ImageGcFailed(ILogger logger, Exception e);

    [LoggerMessage(50, LogLevel.Warning, "Eviction threshold {Threshold} crossed (available {Available})")]
    public static partial void ThresholdCrossed(ILogger logger, string threshold, long available);

    [LoggerMessage(51, LogLevel.Warning, "Evicting pod {Pod}: {Message}")]
    public static partial void Evicting(ILogger logger, string pod, string message);

    [LoggerMessage(52, LogLevel.Warning, "Eviction threshold {Threshold} crossed but no pod can be evicted")]
    public static partial void NothingToEvict(ILogger logger, string threshold);

    [LoggerMessage(53, LogLevel.Warning, "Eviction pass failed")]
    public static partial void EvictionFailed(ILogger logger, Exception e);
}
