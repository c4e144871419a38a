using Microsoft.Extensions.Logging;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.Deployments;

/// <summary>
/// The Deployment controller: rolls a Deployment's pods from ReplicaSet to ReplicaSet (RollingUpdate within
/// maxSurge/maxUnavailable, or Recreate), keeps the revision annotations, history limit, progress deadline
/// and the Available/Progressing conditions, and honours pause and scaling. It never touches pods itself;
/// the ReplicaSet controller does. Each sync re-reads the informer caches and converges one step.
/// </summary>
internal sealed partial class DeploymentController : QueueController
{
    public const string ControllerName = "deployment";

    private readonly SharedInformer<Deployment> _deploymentInformer;
    private readonly SharedInformer<ReplicaSet> _rsInformer;
    private readonly SharedInformer<Pod> _podInformer;
    private readonly ResourceClient<Deployment> _deployments;
    private readonly ResourceClient<ReplicaSet> _replicaSets;
    private readonly EventRecorder _recorder;
    private readonly OwnWrites<Deployment> _written = new();

    public DeploymentController(ControllerContext context) : base(context, ControllerName)
    {
        _deploymentInformer = context.Informers.For<Deployment>();
        _rsInformer = context.Informers.For<ReplicaSet>();
        _podInformer = PodIndex.Register(context.Informers);
        _deployments = context.Client.Resource<Deployment>();
        _replicaSets = context.Client.Resource<ReplicaSet>();
        _recorder = context.Recorder("deployment-controller");
    }

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName,
        ctx =>
        {
            ctx.Informers.For<Deployment>();
            ctx.Informers.For<ReplicaSet>();
            PodIndex.Register(ctx.Informers);
        },
        ctx => new DeploymentController(ctx));

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return _deploymentInformer.AddEventHandler(Enqueue, (_, d) => Enqueue(d), Enqueue);
        yield return _rsInformer.AddEventHandler(OnReplicaSetAdded, OnReplicaSetUpdated, OnReplicaSetDeleted);
        yield return _podInformer.AddEventHandler(onDelete: OnPodDeleted);
    }

    private void OnReplicaSetAdded(ReplicaSet rs)
    {
        if (ControllerRefs.ControllerOf(rs) is { } owner)
        {
            if (Resolve(rs.Metadata.Namespace, owner) is { } d) Enqueue(d);
            return;
        }
        EnqueueMatching(rs);
    }

    private void OnReplicaSetUpdated(ReplicaSet old, ReplicaSet rs)
    {
        if (old.Metadata.ResourceVersion == rs.Metadata.ResourceVersion && old.Metadata.ResourceVersion is not null) return;
        var oldRef = ControllerRefs.ControllerOf(old);
        var newRef = ControllerRefs.ControllerOf(rs);
        if (oldRef is not null && oldRef.Uid != newRef?.Uid && Resolve(old.Metadata.Namespace, oldRef) is { } previous) Enqueue(previous);
        if (newRef is not null)
        {
            if (Resolve(rs.Metadata.Namespace, newRef) is { } d) Enqueue(d);
            return;
        }
        EnqueueMatching(rs);
    }

    private void OnReplicaSetDeleted(ReplicaSet rs)
    {
        if (ControllerRefs.ControllerOf(rs) is { } owner && Resolve(rs.Metadata.Namespace, owner) is { } d) Enqueue(d);
    }

    /// <summary>Recreate waits for the old pods to be gone, so their deletion is news for it.</summary>
    private void OnPodDeleted(Pod pod)
    {
        if (ControllerRefs.ControllerOf(pod) is not { Kind: "ReplicaSet" } rsRef) return;
        var rs = _rsInformer.Lister.Get(pod.Metadata.Namespace, rsRef.Name);
        if (rs is null || rs.Metadata.Uid != rsRef.Uid || ControllerRefs.ControllerOf(rs) is not { } owner) return;
        if (Resolve(rs.Metadata.Namespace, owner) is { Spec.Strategy.Type: "Recreate" } d) Enqueue(d);
    }

    private Deployment? Resolve(string? ns, OwnerReference owner)
    {
        if (owner.Kind != "Deployment") return null;
        var d = _deploymentInformer.Lister.Get(ns, owner.Name);
        return d?.Metadata.Uid == owner.Uid ? d : null;
    }

    private void EnqueueMatching(ReplicaSet rs)
    {
        foreach (var d in _deploymentInformer.Lister.List(rs.Metadata.Namespace))
        {
            if (Selector(d) is { IsEmpty: false } s && s.Matches(rs.Metadata.Labels)) Enqueue(d);
        }
    }

    private static LabelSelectorExpr? Selector(Deployment d) =>
        LabelSelectorConverter.TryConvert(d.Spec.Selector, out var expr, out _) ? expr : null;

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var cached = _written.Latest(key, _deploymentInformer.Lister.Get(key));
        if (cached is null) return;
        var selector = Selector(cached);
        if (selector is null) return;
        var sync = new Rollout(this, ApiJson.Clone(cached), ct);
        if (selector.IsEmpty)
        {
            _recorder.Event(cached, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            if ((cached.Status.ObservedGeneration ?? 0) < (cached.Metadata.Generation ?? 0))
            {
                sync.D.Status.ObservedGeneration = cached.Metadata.Generation;
                await sync.UpdateStatusAsync();
            }
            return;
        }
        sync.All = await ClaimReplicaSetsAsync(sync.D, selector, ct);
        if (sync.D.Metadata.DeletionTimestamp is not null)
        {
            await sync.SyncStatusOnlyAsync();
            return;
        }
        await sync.CheckPausedConditionsAsync();
        if (sync.D.Spec.Paused == true || await sync.IsScalingEventAsync())
        {
            await sync.SyncAsync();
            return;
        }
        if (RolloutMath.IsRollingUpdate(sync.D)) await sync.RollingAsync();
        else await sync.RecreateAsync();
    }

    /// <summary>The ReplicaSets the Deployment controls after adoption/release, as private copies.</summary>
    private async Task<List<ReplicaSet>> ClaimReplicaSetsAsync(Deployment d, LabelSelectorExpr selector, CancellationToken ct)
    {
        var candidates = _rsInformer.Lister.List(d.Metadata.Namespace);
        var ownerRef = ControllerRefs.For(d, "apps/v1", "Deployment");
        var claimed = await ControllerRefs.ClaimAsync(_replicaSets, d, ownerRef, rs => selector.Matches(rs.Metadata.Labels), candidates, ct);
        return claimed.Select(ApiJson.Clone).ToList();
    }

    /// <summary>Whether any pod of <paramref name="rs"/> still runs (not Failed or Succeeded), terminating ones included.</summary>
    private bool HasRunningPods(ReplicaSet rs) =>
        PodIndex.Controlled(_podInformer.Lister, rs.Metadata.Uid!).Any(p => p.Status?.Phase is not (PodPhase.Failed or PodPhase.Succeeded));

    [LoggerMessage(Level = LogLevel.Information, Message = "deployment {Key}: deleting old replica set {Name} (history limit)")]
    private static partial void LogCleanup(ILogger logger, string key, string name);
}
