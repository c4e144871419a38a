using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins;

/// <summary>Active-queue order: higher spec.priority first, then the earlier queue timestamp.</summary>
internal sealed class PrioritySort : IQueueSortPlugin
{
    public string Name => Names.PrioritySort;

    public bool Less(QueuedPodInfo a, QueuedPodInfo b)
    {
        var pa = a.PodInfo.Priority;
        var pb = b.PodInfo.Priority;
        return pa > pb || (pa == pb && a.Timestamp < b.Timestamp);
    }
}

/// <summary>A pod with spec.schedulingGates is not tried until every gate is removed.</summary>
internal sealed class SchedulingGates : IPreEnqueuePlugin, IEnqueueExtensions
{
    public string Name => Names.SchedulingGates;

    public Status PreEnqueue(PodInfo pod)
    {
        var gates = pod.Pod.Spec.SchedulingGates;
        if (gates is not { Count: > 0 }) return Status.Success;
        return Status.Unresolvable($"waiting for scheduling gates: [{string.Join(" ", gates.Select(g => g.Name))}]");
    }

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
        [new(new ClusterEvent(EventResource.Pod, ActionType.UpdatePodSchedulingGatesEliminated, "PodSchedulingGatesEliminated"))];
}

/// <summary>A pod that names a node (spec.nodeName) fits only that node.</summary>
internal sealed class NodeName : IFilterPlugin, IEnqueueExtensions
{
    public const string ErrReason = "node(s) didn't match the requested node name";

    public string Name => Names.NodeName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        string.IsNullOrEmpty(pod.Pod.Spec.NodeName) || pod.Pod.Spec.NodeName == node.Name ? Status.Success : Status.Unresolvable(ErrReason);

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() => [new(ClusterEvent.NodeAdd)];
}

/// <summary>
/// Cordoned nodes (spec.unschedulable) take no new pods, except pods that tolerate the
/// node.kubernetes.io/unschedulable:NoSchedule taint (e.g. DaemonSet pods).
/// </summary>
internal sealed class NodeUnschedulable : IFilterPlugin, IEnqueueExtensions
{
    public const string ErrReasonUnschedulable = "node(s) were unschedulable";
    public const string ErrReasonUnknownCondition = "node(s) had unknown conditions";

    private static readonly Taint UnschedulableTaint = new() { Key = Taints.UnschedulableTaintKey, Effect = TaintEffect.NoSchedule };

    public string Name => Names.NodeUnschedulable;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (node.Node is not { } n) return Status.Unresolvable(ErrReasonUnknownCondition);
        if (n.Spec.Unschedulable != true) return Status.Success;
        return Taints.AnyTolerates(pod.Pod.Spec.Tolerations, UnschedulableTaint) ? Status.Success : Status.Unresolvable(ErrReasonUnschedulable);
    }

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(ClusterEvent.NodeAdd, (_, _, n) => n is Node node && node.Spec.Unschedulable != true ? QueueingHint.Queue : QueueingHint.Skip),
        new(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeSpecUnschedulable, "NodeSpecUnschedulableChange"),
            (_, o, n) => o is Node old && n is Node node && old.Spec.Unschedulable == true && node.Spec.Unschedulable != true ? QueueingHint.Queue : QueueingHint.Skip),
        new(new ClusterEvent(EventResource.Pod, ActionType.UpdatePodTolerations, "PodTolerationChange")),
    ];
}
