using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Api.Storage;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.Helpers;

namespace Orca.Scheduler.Plugins;

/// <summary>
/// VolumeBinding, for the pods' persistentVolumeClaim volumes. PreFilter: a missing claim, a claim being
/// deleted, or an unbound claim of an Immediate class make the pod unschedulable (Kubernetes' messages).
/// Filter: a claim bound to a volume with node affinity (local-path volumes have it) fits only the nodes that
/// affinity selects; an unbound claim of a WaitForFirstConsumer class fits any node its class can provision
/// on. PreBind (binding cycle): each such unbound claim is annotated with the chosen node and the bind waits
/// until the provisioner and binder have bound it (up to <see cref="BindTimeout"/>), as the kube-scheduler
/// does, so the agent finds the volume when the pod arrives.
/// </summary>
internal sealed class VolumeBinding(FrameworkHandle handle, IVolumeSource? volumes) : IPreFilterPlugin, IFilterPlugin, IPreBindPlugin, IEnqueueExtensions
{
    public const string PluginName = "VolumeBinding";
    public const string ErrNodeConflict = "node(s) had volume node affinity conflict";
    public const string ErrUnboundImmediate = "pod has unbound immediate PersistentVolumeClaims";
    public const string ErrNoVolumes = "node(s) didn't find available persistent volumes to bind";
    public static readonly TimeSpan BindTimeout = TimeSpan.FromSeconds(600);

    private static readonly StateKey<ClaimsState> Key = new("PreFilter" + PluginName);

    public string Name => PluginName;

    private sealed record ClaimsState(List<NodeSelectorMatcher> BoundAffinities, List<PersistentVolumeClaim> ToProvision, List<string> Unprovisionable) : IStateData
    {
        public IStateData Copy() => this;
    }

    public (PreFilterResult? Result, Status Status) PreFilter(CycleState state, PodInfo pod)
    {
        var claimNames = (pod.Pod.Spec.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().ToList();
        if (claimNames.Count == 0 || volumes is null) return (null, Status.SkipStatus);
        var ns = pod.Pod.Metadata.Namespace ?? "default";
        var claims = new ClaimsState([], [], []);
        foreach (var name in claimNames)
        {
            var claim = volumes.Claim(ns, name);
            if (claim is null) return (null, Status.Unresolvable($"persistentvolumeclaim \"{name}\" not found").WithPlugin(PluginName));
            if (claim.Metadata.DeletionTimestamp is not null)
                return (null, Status.Unresolvable($"persistentvolumeclaim \"{name}\" is being deleted").WithPlugin(PluginName));
            if (!string.IsNullOrEmpty(claim.Spec.VolumeName))
            {
                if (volumes.Volume(claim.Spec.VolumeName)?.Spec.NodeAffinity?.Required is { } required)
                    claims.BoundAffinities.Add(NodeSelectorMatcher.Parse(required));
                continue;
            }
            var storageClass = claim.Spec.StorageClassName is { Length: > 0 } c ? volumes.Class(c) : null;
            if (storageClass?.VolumeBindingMode != "WaitForFirstConsumer")
                return (null, Status.Unresolvable(ErrUnboundImmediate).WithPlugin(PluginName));
            if (storageClass.Provisioner == "kubernetes.io/no-provisioner") claims.Unprovisionable.Add(name);
            else claims.ToProvision.Add(claim);
        }
        state.Write(Key, claims);
        return (null, Status.Success);
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (state.Read(Key) is not { } claims || node.Node is not { } n) return Status.Success;
        foreach (var affinity in claims.BoundAffinities)
            if (!affinity.Matches(n)) return Status.Unresolvable(ErrNodeConflict).WithPlugin(PluginName);
        return claims.Unprovisionable.Count > 0 ? Status.Unschedulable(ErrNoVolumes).WithPlugin(PluginName) : Status.Success;
    }

    /// <summary>A claim, volume or class appearing or changing, or a node appearing or changing labels or schedulability, may let a parked pod fit.</summary>
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() =>
    [
        new(new ClusterEvent(EventResource.Storage, ActionType.Add | ActionType.UpdateOther, "StorageChange")),
        new(ClusterEvent.NodeAdd),
        new(new ClusterEvent(EventResource.Node, ActionType.UpdateNodeLabel | ActionType.UpdateNodeSpecUnschedulable, "NodeChange")),
    ];

    public async Task<Status> PreBindAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct)
    {
        if (state.Read(Key) is not { ToProvision.Count: > 0 } claims || volumes is null) return Status.Success;
        try
        {
            foreach (var claim in claims.ToProvision)
            {
                if (claim.Metadata.Annotations?.GetValueOrDefault(StorageNames.SelectedNode) != nodeName)
                    await volumes.SelectNodeAsync(claim, nodeName, ct);
            }
            var deadline = handle.Time.GetUtcNow() + BindTimeout;
            while (!claims.ToProvision.All(c => volumes.Claim(c.Metadata.Namespace!, c.Metadata.Name!) is { Status.Phase: "Bound" }))
            {
                if (handle.Time.GetUtcNow() > deadline) return Status.AsError("binding volumes: timed out waiting for the condition");
                await Task.Delay(TimeSpan.FromMilliseconds(50), handle.Time, ct);
            }
            return Status.Success;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Status.FromException(e);
        }
    }
}
