namespace Orca.Scheduler.Framework;

/// <summary>
/// Why each node was rejected in one cycle. Nodes not recorded explicitly have <see cref="AbsentStatus"/>
/// (e.g. all nodes when a PreFilter rejected the pod, or nodes a PreFilter result excluded).
/// Recording is cheap (an append); the by-node map is built on first read, which only a failed cycle does —
/// a scan of 5,000 nodes that finds room would otherwise fill and throw away a map of thousands per pod.
/// Not thread-safe except <see cref="Set"/>, which parallel filtering may call concurrently.
/// </summary>
internal sealed class NodeToStatus
{
    private readonly Dictionary<string, Status> _statuses = new(StringComparer.Ordinal);
    private readonly List<(string Node, Status Status)> _pending = [];
    private readonly Lock _lock = new();

    /// <summary>Status of nodes not set explicitly; default UnschedulableAndUnresolvable without reasons.</summary>
    public Status AbsentStatus { get; set; } = Status.Unresolvable();

    /// <summary>Nodes with an explicit status.</summary>
    public int Count => Map.Count;

    /// <summary>How many times <see cref="Set"/> was called (equals <see cref="Count"/> when each node is set once), without building the map.</summary>
    public int SetCount
    {
        get
        {
            lock (_lock) return _statuses.Count + _pending.Count;
        }
    }

    public void Set(string node, Status status)
    {
        lock (_lock) _pending.Add((node, status));
    }

    public Status Get(string node) => Map.TryGetValue(node, out var s) ? s : AbsentStatus;

    public IEnumerable<KeyValuePair<string, Status>> Explicit => Map;

    private Dictionary<string, Status> Map
    {
        get
        {
            lock (_lock)
            {
                foreach (var (node, status) in _pending) _statuses[node] = status;
                _pending.Clear();
            }
            return _statuses;
        }
    }

    /// <summary>Nodes (of <paramref name="all"/>) whose status has <paramref name="code"/>, absent ones included.</summary>
    public List<NodeInfo> NodesWithCode(IEnumerable<NodeInfo> all, StatusCode code)
    {
        var result = new List<NodeInfo>();
        foreach (var n in all)
        {
            if (Get(n.Name).Code == code) result.Add(n);
        }
        return result;
    }
}

/// <summary>What went wrong in a failed cycle: per-node statuses, the plugins that rejected the pod, and messages from PreFilter/PostFilter.</summary>
internal sealed class Diagnosis
{
    public NodeToStatus NodeToStatus { get; init; } = new();
    public HashSet<string> UnschedulablePlugins { get; } = new(StringComparer.Ordinal);
    public HashSet<string> PendingPlugins { get; } = new(StringComparer.Ordinal);
    public string? PreFilterMessage { get; set; }
    public string? PostFilterMessage { get; set; }

    public void AddPluginStatus(Status status)
    {
        if (status.Plugin is null) return;
        if (status.IsRejected) UnschedulablePlugins.Add(status.Plugin);
        if (status.Code == StatusCode.Pending) PendingPlugins.Add(status.Plugin);
    }
}

/// <summary>
/// "No node fits": carries the diagnosis and renders Kubernetes' message, e.g.
/// "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: …".
/// The reasons are counted over all nodes and the "count reason" strings sorted as plain strings, as upstream does.
/// </summary>
internal sealed class FitError(PodInfo pod, int numAllNodes, Diagnosis diagnosis)
{
    public PodInfo Pod { get; } = pod;
    public int NumAllNodes { get; } = numAllNodes;
    public Diagnosis Diagnosis { get; } = diagnosis;

    public string Message
    {
        get
        {
            var text = new System.Text.StringBuilder($"0/{NumAllNodes} nodes are available:");
            if (!string.IsNullOrEmpty(Diagnosis.PreFilterMessage)) text.Append(' ').Append(Diagnosis.PreFilterMessage).Append('.');
            else if (Histogram(Diagnosis.NodeToStatus, NumAllNodes) is { Length: > 0 } histogram) text.Append(' ').Append(histogram).Append('.');
            if (!string.IsNullOrEmpty(Diagnosis.PostFilterMessage)) text.Append(' ').Append(Diagnosis.PostFilterMessage).Append('.');
            return text.ToString();
        }
    }

    /// <summary>"N reason" per distinct reason over explicit and absent nodes, sorted ordinally, joined by ", ".</summary>
    public static string Histogram(NodeToStatus statuses, int numAllNodes)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, status) in statuses.Explicit)
        {
            foreach (var reason in status.Reasons) counts[reason] = counts.GetValueOrDefault(reason) + 1;
        }
        var absent = numAllNodes - statuses.Count;
        if (absent > 0)
        {
            foreach (var reason in statuses.AbsentStatus.Reasons) counts[reason] = counts.GetValueOrDefault(reason) + absent;
        }
        var parts = counts.Select(kv => $"{kv.Value} {kv.Key}").ToList();
        parts.Sort(StringComparer.Ordinal);
        return string.Join(", ", parts);
    }
}
