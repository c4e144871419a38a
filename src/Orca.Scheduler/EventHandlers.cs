using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler;

/// <summary>
/// Turns informer notifications into cache and queue changes: bound pods go to the cache (and may unpark
/// pods that wait for room or for affinity partners), pending pods of this scheduler's profiles go to the
/// queue, nodes go to the cache and unpark pods whose rejecting plugins care about the change. Handlers are
/// quick and never block (they run on the informer's loop).
/// </summary>
internal sealed class EventHandlers(Scheduler scheduler)
{
    private static bool Assigned(Pod p) => !string.IsNullOrEmpty(p.Spec.NodeName);

    private static bool Terminal(Pod p) => p.Status.Phase is PodPhase.Succeeded or PodPhase.Failed;

    public void OnPodAdd(Pod pod)
    {
        if (Terminal(pod)) return;
        if (Assigned(pod))
        {
            scheduler.Cache.AddPod(pod);
            scheduler.Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodAdd, null, pod);
        }
        else if (scheduler.ProfileFor(pod) is not null && pod.Metadata.DeletionTimestamp is null)
        {
            scheduler.Queue.Add(new PodInfo(pod));
        }
    }

    public void OnPodUpdate(Pod old, Pod pod)
    {
        if (Assigned(pod))
        {
            if (!Assigned(old)) scheduler.Queue.Delete(new PodInfo(old));
            if (Terminal(pod))
            {
                OnAssignedPodGone(pod);
                return;
            }
            scheduler.Cache.UpdatePod(pod);
            var e = PodUpdateEvent(old, pod);
            if (e != ActionType.None) scheduler.Queue.MoveAllToActiveOrBackoff(new ClusterEvent(EventResource.AssignedPod, e, "AssignedPodUpdate"), old, pod);
            else if (!Assigned(old)) scheduler.Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodAdd, null, pod);
            return;
        }
        if (scheduler.ProfileFor(pod) is null || scheduler.Cache.IsAssumed(pod.Metadata.Uid ?? "")) return;
        if (pod.Metadata.DeletionTimestamp is not null || Terminal(pod))
        {
            scheduler.Queue.Delete(new PodInfo(pod));
            return;
        }
        scheduler.Queue.Update(new PodInfo(old), new PodInfo(pod));
    }

    public void OnPodDelete(Pod pod)
    {
        if (Assigned(pod))
        {
            OnAssignedPodGone(pod);
            return;
        }
        var info = new PodInfo(pod);
        scheduler.Queue.Delete(info);
        if (scheduler.ProfileFor(pod) is { } fw) fw.RejectWaitingPod(info.Uid);
    }

    private void OnAssignedPodGone(Pod pod)
    {
        scheduler.Cache.RemovePod(pod);
        scheduler.Queue.MoveAllToActiveOrBackoff(ClusterEvent.AssignedPodDelete, pod, null);
    }

    /// <summary>Which kinds of change an update of a bound pod is (labels, fewer requests); None for others.</summary>
    private static ActionType PodUpdateEvent(Pod old, Pod pod)
    {
        var e = ActionType.None;
        if (!SameLabels(old.Metadata.Labels, pod.Metadata.Labels)) e |= ActionType.UpdatePodLabel;
        var before = PodRequests.Compute(old.Spec);
        var after = PodRequests.Compute(pod.Spec);
        if (after.MilliCpu < before.MilliCpu || after.Memory < before.Memory) e |= ActionType.UpdatePodScaleDown;
        return e;
    }

    public void OnNodeAdd(Node node)
    {
        scheduler.Cache.AddNode(node);
        scheduler.Queue.MoveAllToActiveOrBackoff(ClusterEvent.NodeAdd, null, node);
    }

    public void OnNodeUpdate(Node old, Node node)
    {
        scheduler.Cache.UpdateNode(node);
        var e = NodeUpdateEvent(old, node);
        if (e != ActionType.None) scheduler.Queue.MoveAllToActiveOrBackoff(new ClusterEvent(EventResource.Node, e, "NodeUpdate"), old, node);
    }

    public void OnNodeDelete(Node node) => scheduler.Cache.RemoveNode(node);

    /// <summary>
    /// The scheduling-relevant parts of a node change; heartbeats (condition times) and other status churn
    /// give None so they move nothing.
    /// </summary>
    internal static ActionType NodeUpdateEvent(Node old, Node node)
    {
        var e = ActionType.None;
        if (!SameLabels(old.Metadata.Labels, node.Metadata.Labels)) e |= ActionType.UpdateNodeLabel;
        if (!SameTaints(old.Spec.Taints, node.Spec.Taints)) e |= ActionType.UpdateNodeTaint;
        if ((old.Spec.Unschedulable ?? false) != (node.Spec.Unschedulable ?? false)) e |= ActionType.UpdateNodeSpecUnschedulable;
        if (!SameQuantities(old.Status.Allocatable, node.Status.Allocatable)) e |= ActionType.UpdateNodeAllocatable;
        if (!SameConditions(old.Status.Conditions, node.Status.Conditions)) e |= ActionType.UpdateNodeCondition;
        if (!SameLabels(old.Metadata.Annotations, node.Metadata.Annotations)) e |= ActionType.UpdateNodeAnnotation;
        return e;
    }

    /// <summary>A claim, volume or class was added or changed: pods VolumeBinding parked may fit now.</summary>
    public void OnStorageChange(object obj) =>
        scheduler.Queue.MoveAllToActiveOrBackoff(new ClusterEvent(EventResource.Storage, ActionType.Add | ActionType.UpdateOther, "StorageChange"), null, obj);

    public void OnNamespaceChange(Namespace ns) =>
        scheduler.Queue.MoveAllToActiveOrBackoff(new ClusterEvent(EventResource.Namespace, ActionType.Add | ActionType.UpdateOther, "NamespaceChange"), null, ns);

    private static bool SameLabels(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        foreach (var (k, v) in a ?? new Dictionary<string, string>())
        {
            if (b is null || !b.TryGetValue(k, out var other) || other != v) return false;
        }
        return true;
    }

    private static bool SameQuantities(Dictionary<string, Api.Quantity>? a, Dictionary<string, Api.Quantity>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? []).All(kv => b is not null && b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static bool SameTaints(List<Taint>? a, List<Taint>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? []).Zip(b ?? []).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value && p.First.Effect == p.Second.Effect);

    private static bool SameConditions(List<NodeCondition>? a, List<NodeCondition>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? []).All(c => b!.Any(o => o.Type == c.Type && o.Status == c.Status));
}
