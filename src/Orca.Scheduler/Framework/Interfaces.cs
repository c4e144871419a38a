namespace Orca.Scheduler.Framework;

/// <summary>
/// The one base of every plugin. A plugin implements the role interfaces of the extension points it
/// takes part in; the framework calls it only there. Plugins are built per profile by the registry
/// (<see cref="Plugins.Registry"/>) and called from the scheduling thread, except Filter and Score,
/// which may run for several nodes at once and must only read shared state.
/// </summary>
internal interface IPlugin
{
    string Name { get; }
}

/// <summary>Orders the active queue: true when <paramref name="a"/> should be tried before <paramref name="b"/>.</summary>
internal interface IQueueSortPlugin : IPlugin
{
    bool Less(QueuedPodInfo a, QueuedPodInfo b);
}

/// <summary>Decides whether a pod may enter the active queue at all (e.g. scheduling gates); not Success keeps it parked.</summary>
internal interface IPreEnqueuePlugin : IPlugin
{
    Status PreEnqueue(PodInfo pod);
}

/// <summary>Once per cycle before filtering: precomputes state and may narrow the candidate nodes or reject the pod outright.</summary>
internal interface IPreFilterPlugin : IPlugin
{
    /// <returns>A node subset (null: all nodes) and Success, Skip (this plugin's Filter is not needed), or a rejection.</returns>
    (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod);
}

/// <summary>
/// Keeps a PreFilter plugin's cycle state right when the framework adds or removes pods hypothetically
/// (nominated pods, preemption victims) on <paramref name="node"/>, a what-if copy.
/// </summary>
internal interface IPreFilterExtensions : IPreFilterPlugin
{
    Status AddPod(CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node);
    Status RemovePod(CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node);
}

/// <summary>Whether the pod fits one node. Must be thread-safe: nodes may be checked in parallel.</summary>
internal interface IFilterPlugin : IPlugin
{
    Status Filter(CycleState state, PodInfo pod, NodeInfo node);
}

/// <summary>Runs when no node fits (preemption); may nominate a node for the pod.</summary>
internal interface IPostFilterPlugin : IPlugin
{
    (PostFilterResult? Result, Status Status) PostFilter(CycleState state, PodInfo pod, NodeToStatus filtered);
}

/// <summary>Once per cycle before scoring, with the feasible nodes; Skip means this plugin's Score is not needed.</summary>
internal interface IPreScorePlugin : IPlugin
{
    Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes);
}

/// <summary>Ranks one feasible node (0–100 after normalization). Must be thread-safe.</summary>
internal interface IScorePlugin : IPlugin
{
    (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node);
}

/// <summary>Rescales a Score plugin's raw scores of all feasible nodes into 0–100.</summary>
internal interface INormalizeScorePlugin : IScorePlugin
{
    Status NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores);
}

/// <summary>Claims (and on any later failure releases) resources for the pod on the chosen node before binding.</summary>
internal interface IReservePlugin : IPlugin
{
    Status Reserve(CycleState state, PodInfo pod, string nodeName);
    void Unreserve(CycleState state, PodInfo pod, string nodeName);
}

/// <summary>Approves, rejects, or holds (Wait, up to the returned timeout) a pod before it is bound.</summary>
internal interface IPermitPlugin : IPlugin
{
    (Status Status, TimeSpan Timeout) Permit(CycleState state, PodInfo pod, string nodeName);
}

/// <summary>Work that must succeed before binding (runs in the binding cycle, off the scheduling thread).</summary>
internal interface IPreBindPlugin : IPlugin
{
    Task<Status> PreBindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct);
}

/// <summary>Binds the pod to the node; Skip lets the next bind plugin do it.</summary>
internal interface IBindPlugin : IPlugin
{
    Task<Status> BindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct);
}

/// <summary>Told after a successful bind (cleanup, bookkeeping).</summary>
internal interface IPostBindPlugin : IPlugin
{
    void PostBind(CycleState state, PodInfo pod, string nodeName);
}

/// <summary>
/// The cluster events after which a pod this plugin rejected could fit, so the queue moves such pods
/// back for another try only when something relevant happened.
/// </summary>
internal interface IEnqueueExtensions : IPlugin
{
    IReadOnlyList<ClusterEventWithHint> EventsToRegister();
}

/// <summary>Nodes a PreFilter restricts the pod to; null set means all.</summary>
internal sealed record PreFilterResult(IReadOnlySet<string>? NodeNames)
{
    public bool AllNodes => NodeNames is null;

    /// <summary>Intersection of two restrictions (null means "no restriction").</summary>
    public static PreFilterResult? Merge(PreFilterResult? a, PreFilterResult? b)
    {
        if (a?.NodeNames is null) return b;
        if (b?.NodeNames is null) return a;
        var both = new HashSet<string>(a.NodeNames, StringComparer.Ordinal);
        both.IntersectWith(b.NodeNames);
        return new PreFilterResult(both);
    }
}

/// <summary>What a PostFilter achieved: the node the pod is nominated to (it waits for victims to leave).</summary>
internal sealed record PostFilterResult(string? NominatedNodeName);
