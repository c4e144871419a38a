using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.NodeResources;

/// <summary>
/// NodeResourcesBalancedAllocation: prefers nodes whose resources would be used evenly with the pod on
/// them (counting real requests, not the scoring defaults). Best-effort pods (no requests) skip it, so
/// they are not all drawn to the same node.
/// </summary>
internal sealed class BalancedAllocation(NodeResourcesBalancedAllocationArgs args) : IPreScorePlugin, IScorePlugin
{
    private static readonly StateKey<PreScoreState> Key = new("PreScore" + Names.NodeResourcesBalancedAllocation);

    private readonly ResourceAllocationScorer _scorer =
        new(args.Resources is { Count: > 0 } r ? r : Fit.DefaultResources, useRequested: true, ResourceScorers.Balanced);

    public string Name => Names.NodeResourcesBalancedAllocation;

    private sealed record PreScoreState(long[] PodRequests) : IStateData
    {
        public IStateData Copy() => this;
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var requests = _scorer.PodRequests(pod);
        if (requests.All(r => r == 0)) return Status.SkipStatus;
        state.Write(Key, new PreScoreState(requests));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var requests = state.Read(Key)?.PodRequests ?? _scorer.PodRequests(pod);
        return (_scorer.Score(node, requests), Status.Success);
    }
}
