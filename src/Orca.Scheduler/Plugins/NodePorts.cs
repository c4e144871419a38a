using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins;

/// <summary>A pod's host ports must be free on the node (same protocol and port on the same IP or 0.0.0.0).</summary>
internal sealed class NodePorts : IPreFilterPlugin, IFilterPlugin, IEnqueueExtensions
{
    public const string ErrReason = "node(s) didn't have free ports for the requested pod ports";

    private static readonly Status Rejected = Status.Unschedulable(ErrReason).WithPlugin(Names.NodePorts);

    public string Name => Names.NodePorts;

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod) =>
        (null, pod.HostPorts.Count == 0 ? Status.SkipStatus : Status.Success);

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        foreach (var port in pod.HostPorts)
        {
            if (node.UsedPorts.Conflicts(port)) return Rejected;
        }
        return Status.Success;
    }

    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(ClusterEvent.AssignedPodDelete, (pod, o, _) => o is Orca.Api.Core.Pod gone && FreesPort(pod, gone) ? QueueingHint.Queue : QueueingHint.Skip),
        new(ClusterEvent.NodeAdd),
    ];

    private static bool FreesPort(PodInfo pod, Orca.Api.Core.Pod gone)
    {
        var freed = HostPortInfo.PortsOf(gone.Spec);
        return pod.HostPorts.Any(p => freed.Any(f => f.Port == p.Port && f.Protocol == p.Protocol));
    }
}
