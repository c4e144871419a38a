using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;

namespace Orca.Controllers.DaemonSets;

/// <summary>
/// One sync's picture of a DaemonSet: its nodes, its pods grouped by the node each is meant for (bound or
/// pending), the current revision's hash and template generation, and the time. Node fits are computed once.
/// Built from informer caches; the objects are shared with the caches and never changed.
/// </summary>
internal sealed class DaemonSetView
{
    private readonly PodSpec _daemonSpec;
    private readonly Dictionary<string, NodeFit> _fits = new(StringComparer.Ordinal);

    public DaemonSetView(DaemonSet ds, IReadOnlyList<Node> nodes, IEnumerable<Pod> pods, string hash, DateTimeOffset now)
    {
        Ds = ds;
        Nodes = nodes;
        Hash = hash;
        Now = now;
        Generation = DaemonPods.TemplateGeneration(ds);
        _daemonSpec = DaemonNodeFit.DaemonPodSpec(ds);
        foreach (var pod in pods)
        {
            if (DaemonPods.TargetNode(pod) is not { } node) continue;
            if (!PodsByNode.TryGetValue(node, out var list)) PodsByNode[node] = list = [];
            list.Add(pod);
        }
        foreach (var list in PodsByNode.Values) list.Sort(DaemonPods.ByAge);
        NodeNames = nodes.Select(n => n.Metadata.Name!).ToHashSet(StringComparer.Ordinal);
    }

    public DaemonSet Ds { get; }
    public IReadOnlyList<Node> Nodes { get; }
    public HashSet<string> NodeNames { get; }

    /// <summary>Claimed pods by target node, oldest first (terminating ones included).</summary>
    public Dictionary<string, List<Pod>> PodsByNode { get; } = new(StringComparer.Ordinal);

    public string Hash { get; }
    public long? Generation { get; }
    public DateTimeOffset Now { get; }
    public int MinReadySeconds => Ds.Spec.MinReadySeconds ?? 0;

    public IReadOnlyList<Pod> PodsOn(string node) => PodsByNode.TryGetValue(node, out var list) ? list : [];

    public NodeFit Fit(Node node)
    {
        var name = node.Metadata.Name!;
        if (!_fits.TryGetValue(name, out var fit)) _fits[name] = fit = DaemonNodeFit.Evaluate(node, _daemonSpec);
        return fit;
    }

    public bool IsUpdated(Pod pod) => DaemonPods.IsUpdated(pod, Hash, Generation);

    public bool IsAvailable(Pod pod) => DaemonPods.IsAvailable(pod, MinReadySeconds, Now);

    public bool IsRollingUpdate => Ds.Spec.UpdateStrategy?.Type is null or "RollingUpdate";

    /// <summary>maxSurge scaled to <paramref name="desired"/> nodes (percentages round up); 0 unless RollingUpdate.</summary>
    public int MaxSurge(int desired) => IsRollingUpdate ? Scaled(Ds.Spec.UpdateStrategy?.RollingUpdate?.MaxSurge, desired, 0) : 0;

    /// <summary>maxUnavailable scaled to <paramref name="desired"/> nodes (percentages round up); 0 unless RollingUpdate.</summary>
    public int MaxUnavailable(int desired) => IsRollingUpdate ? Scaled(Ds.Spec.UpdateStrategy?.RollingUpdate?.MaxUnavailable, desired, 1) : 0;

    /// <summary>True when a node may briefly run an old and a new pod (maxSurge &gt; 0).</summary>
    public bool AllowsSurge => MaxSurge(1) > 0;

    private static int Scaled(IntOrString? value, int total, int fallback)
    {
        if (value is not { } v) return fallback;
        if (v.IntValue is { } i) return i;
        var text = v.StringValue ?? "";
        if (text.EndsWith('%') && int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.CultureInfo.InvariantCulture, out var percent))
            return (int)Math.Ceiling(percent * (double)total / 100);
        throw new InvalidOperationException($"invalid value for IntOrString: invalid value \"{text}\"");
    }
}
