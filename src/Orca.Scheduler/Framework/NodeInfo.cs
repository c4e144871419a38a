using Orca.Api.Core;

namespace Orca.Scheduler.Framework;

/// <summary>An image present on some nodes: its size and on how many nodes it is (kept current by the cache).</summary>
internal sealed class ImageState(long size)
{
    private int _numNodes;

    public long Size { get; set; } = size;

    public int NumNodes => Volatile.Read(ref _numNodes);

    public void AddNode() => Interlocked.Increment(ref _numNodes);

    public void RemoveNode() => Interlocked.Decrement(ref _numNodes);
}

/// <summary>
/// A node and the pods on it, with the sums the filters need (requested resources, host ports,
/// pods with affinity). The cache owns the live instances; a scheduling cycle reads a snapshot clone,
/// so plugins may read a NodeInfo from several threads but only the owner (cache or a what-if copy)
/// writes it. <see cref="Generation"/> changes with every write, which lets snapshots copy only what changed.
/// </summary>
internal sealed class NodeInfo
{
    private static long _generation;

    public NodeInfo(Node? node = null)
    {
        Generation = NextGeneration();
        if (node is not null) SetNode(node);
    }

    public Node? Node { get; private set; }

    public string Name => Node?.Metadata.Name ?? "";

    public List<PodInfo> Pods { get; private set; } = [];

    public List<PodInfo> PodsWithAffinity { get; private set; } = [];

    public List<PodInfo> PodsWithRequiredAntiAffinity { get; private set; } = [];

    public HostPortInfo UsedPorts { get; private set; } = new();

    /// <summary>Sum of the pods' requests.</summary>
    public Resource Requested { get; private set; } = new();

    /// <summary>Sum of the pods' requests with the scoring defaults for missing cpu/memory requests.</summary>
    public Resource NonZeroRequested { get; private set; } = new();

    public Resource Allocatable { get; private set; } = new();

    /// <summary>Images on the node by normalized name ("name:tag").</summary>
    public IReadOnlyDictionary<string, ImageState> ImageStates { get; set; } = Empty;

    public long Generation { get; private set; }

    public IReadOnlyDictionary<string, string>? Labels => Node?.Metadata.Labels;

    private static readonly Dictionary<string, ImageState> Empty = new();

    public static long NextGeneration() => Interlocked.Increment(ref _generation);

    public void SetNode(Node node)
    {
        Node = node;
        Allocatable = Resource.From(node.Status.Allocatable);
        Touch();
    }

    public void RemoveNode()
    {
        Node = null;
        Touch();
    }

    public void AddPod(PodInfo pod)
    {
        Pods.Add(pod);
        if (pod.HasAffinity) PodsWithAffinity.Add(pod);
        if (pod.HasRequiredAntiAffinity) PodsWithRequiredAntiAffinity.Add(pod);
        Update(pod, 1);
    }

    /// <summary>Removes the pod with <paramref name="uid"/>; false when it is not on this node.</summary>
    public bool RemovePod(string uid)
    {
        var i = Pods.FindIndex(p => p.Uid == uid);
        if (i < 0) return false;
        var pod = Pods[i];
        Pods[i] = Pods[^1];
        Pods.RemoveAt(Pods.Count - 1);
        if (pod.HasAffinity) PodsWithAffinity.RemoveAll(p => p.Uid == uid);
        if (pod.HasRequiredAntiAffinity) PodsWithRequiredAntiAffinity.RemoveAll(p => p.Uid == uid);
        Update(pod, -1);
        return true;
    }

    private void Update(PodInfo pod, long sign)
    {
        Requested.Add(pod.Requests, sign);
        NonZeroRequested.MilliCpu += sign * pod.NonZeroRequests.MilliCpu;
        NonZeroRequested.Memory += sign * pod.NonZeroRequests.Memory;
        foreach (var p in pod.HostPorts)
        {
            if (sign > 0) UsedPorts.Add(p);
            else UsedPorts.Remove(p);
        }
        Touch();
    }

    private void Touch() => Generation = NextGeneration();

    /// <summary>A copy whose pod lists, sums and ports can change without affecting this one (pods themselves are shared).</summary>
    public NodeInfo Clone()
    {
        var copy = (NodeInfo)MemberwiseClone();
        copy.CopyFrom(this);
        return copy;
    }

    /// <summary>Makes this instance an independent copy of <paramref name="source"/> (keeps snapshot entries in place).</summary>
    public void CopyFrom(NodeInfo source)
    {
        Node = source.Node;
        Pods = [.. source.Pods];
        PodsWithAffinity = [.. source.PodsWithAffinity];
        PodsWithRequiredAntiAffinity = [.. source.PodsWithRequiredAntiAffinity];
        UsedPorts = source.UsedPorts.IsEmpty ? new HostPortInfo() : source.UsedPorts.Clone();
        Requested = source.Requested.Clone();
        NonZeroRequested = source.NonZeroRequested.Clone();
        Allocatable = source.Allocatable;
        ImageStates = source.ImageStates;
        Generation = source.Generation;
    }

    public override string ToString() => $"{Name} pods={Pods.Count} requested=[{Requested}] allocatable=[{Allocatable}]";
}
