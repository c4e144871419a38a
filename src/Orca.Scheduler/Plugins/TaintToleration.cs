using Orca.Api.Core;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.Helpers;

namespace Orca.Scheduler.Plugins;

/// <summary>
/// Filter: a node's NoSchedule/NoExecute taints must all be tolerated. Score: fewer untolerated
/// PreferNoSchedule taints is better (normalized, reversed).
/// </summary>
internal sealed class TaintToleration : IFilterPlugin, IPreScorePlugin, INormalizeScorePlugin, IEnqueueExtensions
{
    private static readonly StateKey<PreferState> Key = new("PreScore" + Names.TaintToleration);

    public string Name => Names.TaintToleration;

    private sealed record PreferState(Toleration[] Tolerations) : IStateData
    {
        public IStateData Copy() => this;
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var taints = node.Node?.Spec.Taints;
        if (taints is not { Count: > 0 }) return Status.Success;
        if (Taints.FindUntolerated(taints, pod.Pod.Spec.Tolerations, Taints.IsDoNotSchedule) is not { } taint) return Status.Success;
        return Status.Unresolvable($"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}");
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var tolerations = (pod.Pod.Spec.Tolerations ?? []).Where(t => string.IsNullOrEmpty(t.Effect) || t.Effect == TaintEffect.PreferNoSchedule).ToArray();
        state.Write(Key, new PreferState(tolerations));
        return Status.Success;
    }

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var taints = node.Node?.Spec.Taints;
        if (taints is not { Count: > 0 }) return (0, Status.Success);
        var tolerations = state.Get(Key).Tolerations;
        long count = 0;
        foreach (var taint in taints)
        {
            if (taint.Effect == TaintEffect.PreferNoSchedule && !Taints.AnyTolerates(tolerations, taint)) count++;
        }
        return (count, Status.Success);
    }

    public Status NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        ScoreNormalizer.Default(scores, reverse: true);
        return Status.Success;
    }

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(ClusterEvent.NodeAdd, Tolerated),
        new(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeTaint, "NodeTaintChange"), Tolerated),
        new(new ClusterEvent(EventResource.Pod, ActionType.UpdatePodTolerations, "PodTolerationChange")),
    ];

    /// <summary>Retry only when the added or changed node's taints are all tolerated by the pod.</summary>
    private static QueueingHint Tolerated(PodInfo pod, object? oldObj, object? newObj) =>
        newObj is Node node && Taints.FindUntolerated(node.Spec.Taints, pod.Pod.Spec.Tolerations, Taints.IsDoNotSchedule) is null
            ? QueueingHint.Queue : QueueingHint.Skip;
}
