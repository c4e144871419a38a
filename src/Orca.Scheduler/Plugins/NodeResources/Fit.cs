using Orca.Api.Core;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.NodeResources;

/// <summary>
/// NodeResourcesFit. Filter: the pod's requests (cpu, memory, ephemeral-storage, extended and other
/// scalar resources; sidecar and init-container rules; overhead) must fit in what the node has left,
/// and the node must have room for one more pod. Each shortfall is its own reason ("Insufficient cpu",
/// "Too many pods"); a request larger than the whole node is unresolvable (preemption cannot help).
/// Score: the configured strategy over the configured resources.
/// </summary>
internal sealed class Fit : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin, IEnqueueExtensions
{
    private static readonly StateKey<PreScoreState> ScoreKey = new("PreScore" + Names.NodeResourcesFit);

    private readonly HashSet<string> _ignored;
    private readonly HashSet<string> _ignoredGroups;
    private readonly ResourceAllocationScorer _scorer;

    public Fit(NodeResourcesFitArgs args)
    {
        _ignored = new HashSet<string>(args.IgnoredResources ?? [], StringComparer.Ordinal);
        _ignoredGroups = new HashSet<string>(args.IgnoredResourceGroups ?? [], StringComparer.Ordinal);
        var strategy = args.ScoringStrategy ?? new ScoringStrategy();
        var resources = strategy.Resources is { Count: > 0 } r ? r : DefaultResources;
        var weights = resources.Select(x => x.Weight).ToArray();
        ResourceScorer scorer = strategy.Type switch
        {
            "MostAllocated" => ResourceScorers.MostAllocated(weights),
            "RequestedToCapacityRatio" => ResourceScorers.RequestedToCapacityRatio(weights, strategy.RequestedToCapacityRatio?.Shape ?? []),
            _ => ResourceScorers.LeastAllocated(weights),
        };
        _scorer = new ResourceAllocationScorer(resources, useRequested: false, scorer);
    }

    public static IReadOnlyList<ResourceSpec> DefaultResources { get; } =
        [new ResourceSpec { Name = ResourceNames.Cpu, Weight = 1 }, new ResourceSpec { Name = ResourceNames.Memory, Weight = 1 }];

    public string Name => Names.NodeResourcesFit;

    private sealed record PreScoreState(long[] PodRequests) : IStateData
    {
        public IStateData Copy() => this;
    }

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod) => (null, Status.Success);

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        List<string>? reasons = null;
        var unresolvable = false;
        var allowed = node.Allocatable.AllowedPodNumber;
        if (node.Pods.Count + 1 > allowed) (reasons ??= []).Add("Too many pods");
        var req = pod.Requests;
        if (req.IsZero) return reasons is null ? Status.Success : Status.Unschedulable([.. reasons]);
        Check(req.MilliCpu, node.Allocatable.MilliCpu, node.Requested.MilliCpu, "Insufficient cpu", ref reasons, ref unresolvable);
        Check(req.Memory, node.Allocatable.Memory, node.Requested.Memory, "Insufficient memory", ref reasons, ref unresolvable);
        Check(req.EphemeralStorage, node.Allocatable.EphemeralStorage, node.Requested.EphemeralStorage, "Insufficient ephemeral-storage", ref reasons, ref unresolvable);
        if (req.Scalar is { Count: > 0 } scalars)
        {
            foreach (var (name, amount) in scalars)
            {
                if (amount == 0 || IsIgnored(name)) continue;
                Check(amount, node.Allocatable.Get(name), node.Requested.Get(name), $"Insufficient {name}", ref reasons, ref unresolvable);
            }
        }
        if (reasons is null) return Status.Success;
        return unresolvable ? Status.Unresolvable([.. reasons]) : Status.Unschedulable([.. reasons]);
    }

    private static void Check(long request, long allocatable, long used, string reason, ref List<string>? reasons, ref bool unresolvable)
    {
        if (request <= 0 || request <= allocatable - used) return;
        (reasons ??= []).Add(reason);
        if (request > allocatable) unresolvable = true;
    }

    private bool IsIgnored(string name)
    {
        if (!ResourceNames.IsExtended(name)) return false;
        if (_ignored.Contains(name)) return true;
        var slash = name.IndexOf('/');
        return _ignoredGroups.Count > 0 && slash > 0 && _ignoredGroups.Contains(name[..slash]);
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        state.Write(ScoreKey, new PreScoreState(_scorer.PodRequests(pod)));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var requests = state.Read(ScoreKey)?.PodRequests ?? _scorer.PodRequests(pod);
        return (_scorer.Score(node, requests), Status.Success);
    }

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(ClusterEvent.AssignedPodDelete),
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.UpdatePodScaleDown, "AssignedPodScaleDown")),
        new(ClusterEvent.NodeAdd),
        new(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeAllocatable, "NodeAllocatableChange"),
            (_, o, n) => o is Node old && n is Node node && AllocatableGrew(old, node) ? QueueingHint.Queue : QueueingHint.Skip),
    ];

    private static bool AllocatableGrew(Node old, Node node)
    {
        var before = Resource.From(old.Status.Allocatable);
        var after = Resource.From(node.Status.Allocatable);
        return after.MilliCpu > before.MilliCpu || after.Memory > before.Memory || after.EphemeralStorage > before.EphemeralStorage
            || after.AllowedPodNumber > before.AllowedPodNumber || (after.Scalar ?? []).Any(kv => kv.Value > before.Get(kv.Key));
    }
}
