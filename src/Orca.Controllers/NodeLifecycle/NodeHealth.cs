using Orca.Api.Coordination;
using Orca.Api.Core;

namespace Orca.Controllers.NodeLifecycle;

/// <summary>
/// When a node last showed signs of life, and what its conditions become once it has been silent longer
/// than the grace period. Pure functions over copies.
/// </summary>
internal static class NodeHealth
{
    public const string UnknownReason = "NodeStatusUnknown";
    public const string UnknownMessage = "Kubelet stopped posting node status.";
    public const string NeverReason = "NodeStatusNeverUpdated";
    public const string NeverMessage = "Kubelet never posted node status.";

    /// <summary>The conditions a kubelet posts and the controller marks Unknown when it goes silent.</summary>
    public static readonly string[] Watched = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

    /// <summary>
    /// The latest of: the lease's renewTime, the Ready condition's lastHeartbeatTime and <paramref name="floor"/>
    /// (when this controller started, so a fresh leader gives every node a full grace period). Both heartbeats are
    /// written on the node's clock; the creation timestamp is not used (it is the API server's clock).
    /// </summary>
    public static DateTimeOffset LastSeen(Node node, Lease? lease, DateTimeOffset floor)
    {
        var seen = floor;
        if (lease?.Spec.RenewTime is { } renewed && renewed > seen) seen = renewed;
        var ready = node.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (ready?.LastHeartbeatTime is { } beat && beat > seen) seen = beat;
        return seen;
    }

    /// <summary>
    /// Sets every watched condition Unknown (missing ones are added as never updated), keeping heartbeat
    /// times; returns false when they all already were.
    /// </summary>
    public static bool MarkUnknown(Node node, DateTimeOffset now)
    {
        var changed = false;
        var conditions = node.Status.Conditions ??= [];
        foreach (var type in Watched)
        {
            var c = conditions.FirstOrDefault(x => x.Type == type);
            if (c is null)
            {
                conditions.Add(new NodeCondition { Type = type, Status = "Unknown", Reason = NeverReason, Message = NeverMessage, LastHeartbeatTime = node.Metadata.CreationTimestamp, LastTransitionTime = now });
                changed = true;
            }
            else if (c.Status != "Unknown")
            {
                c.Status = "Unknown";
                c.Reason = UnknownReason;
                c.Message = UnknownMessage;
                c.LastTransitionTime = now;
                changed = true;
            }
        }
        return changed;
    }
}
