using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Cache;

/// <summary>
/// The cluster as one scheduling cycle sees it: every node's <see cref="NodeInfo"/> (copies the cycle
/// may read without locks), in a stable order, plus the nodes that host pods with affinity. The
/// scheduler owns one snapshot and brings it up to date from the cache at the start of each cycle
/// (<see cref="SchedulerCache.UpdateSnapshot"/>), copying only nodes whose generation moved.
/// Read-only to plugins; not thread-safe against that update (cycles do not overlap).
/// </summary>
internal sealed class Snapshot
{
    internal readonly Dictionary<string, NodeInfo> Map = new(StringComparer.Ordinal);
    internal List<NodeInfo> NodeList = [];
    private List<NodeInfo>? _affinityList;
    private List<NodeInfo>? _antiAffinityList;

    /// <summary>The newest cache generation this snapshot reflects.</summary>
    internal long Generation;

    /// <summary>The cache's node-order version <see cref="NodeList"/> was built from.</summary>
    internal long OrderVersion;

    /// <summary>All nodes with a Node object, in the cache's order.</summary>
    public IReadOnlyList<NodeInfo> Nodes => NodeList;

    /// <summary>Nodes with at least one pod that has (anti-)affinity terms (listed on first use after a change).</summary>
    public IReadOnlyList<NodeInfo> NodesWithAffinityPods => _affinityList ??= NodeList.Where(n => n.PodsWithAffinity.Count > 0).ToList();

    /// <summary>Nodes with at least one pod that has required anti-affinity terms (listed on first use after a change).</summary>
    public IReadOnlyList<NodeInfo> NodesWithRequiredAntiAffinityPods =>
        _antiAffinityList ??= NodeList.Where(n => n.PodsWithRequiredAntiAffinity.Count > 0).ToList();

    /// <summary>Per-domain counts of pods' (anti-)affinity terms, kept in step with the nodes of this snapshot.</summary>
    public AffinityIndex Affinity { get; } = new();

    public NodeInfo? Get(string nodeName) => Map.TryGetValue(nodeName, out var n) && n.Node is not null ? n : null;

    /// <summary>
    /// A standalone snapshot of the given nodes and pods (placed by spec.nodeName), built through a cache as the
    /// scheduler builds its own; for tests and tools.
    /// </summary>
    public static Snapshot Of(IEnumerable<Node> nodes, IEnumerable<Pod>? pods = null)
    {
        var cache = new SchedulerCache(TimeProvider.System);
        foreach (var node in nodes) cache.AddNode(node);
        foreach (var pod in pods ?? []) cache.AddPod(pod);
        var snapshot = new Snapshot();
        cache.UpdateSnapshot(snapshot);
        return snapshot;
    }

    internal void RebuildAffinityLists()
    {
        _affinityList = null;
        _antiAffinityList = null;
    }
}
