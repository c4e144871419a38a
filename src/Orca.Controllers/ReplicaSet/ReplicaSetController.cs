using Microsoft.Extensions.Logging;
using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.ReplicaSets;

/// <summary>
/// The ReplicaSet controller, which also serves ReplicationControllers (<see cref="ReplicaKind{T}"/>): keeps
/// <c>replicas</c> active pods made from the template, adopting matching orphans and releasing pods that stop
/// matching, and writes status. Expectations keep a burst of events from over-creating: while pods it asked
/// for are not yet in the informer, a key's sync only writes status. Pods are found through the pod index by
/// controller, so a sync costs O(own pods + orphans of the namespace).
/// </summary>
internal sealed partial class ReplicaSetController<T> : QueueController where T : class, IKubeObject
{
    /// <summary>At most this many creations or deletions per sync (Kubernetes' burstReplicas).</summary>
    public const int BurstReplicas = 500;

    private readonly ReplicaKind<T> _kind;
    private readonly Lister<T> _owners;
    private readonly SharedInformer<T> _ownerInformer;
    private readonly SharedInformer<Pod> _podInformer;
    private readonly Lister<Pod> _pods;
    private readonly ResourceClient<T> _client;
    private readonly PodControl _podControl;
    private readonly Expectations _expectations;
    private readonly OwnWrites<T> _written = new();

    public ReplicaSetController(ControllerContext context, ReplicaKind<T> kind) : base(context, kind.Name)
    {
        _kind = kind;
        _ownerInformer = context.Informers.For<T>();
        _owners = _ownerInformer.Lister;
        _podInformer = PodIndex.Register(context.Informers);
        _pods = _podInformer.Lister;
        _client = context.Client.Resource<T>();
        _podControl = new PodControl(context.Client, context.Recorder(kind.Component));
        _expectations = new Expectations(context.Time);
    }

    /// <summary>The manager's entry for <paramref name="kind"/>.</summary>
    public static ControllerDescriptor Descriptor(ReplicaKind<T> kind) => new(kind.Name,
        ctx =>
        {
            ctx.Informers.For<T>();
            PodIndex.Register(ctx.Informers);
        },
        ctx => new ReplicaSetController<T>(ctx, kind));

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return _ownerInformer.AddEventHandler(Enqueue, (_, o) => Enqueue(o), OnOwnerDeleted);
        yield return _podInformer.AddEventHandler(OnPodAdded, OnPodUpdated, OnPodDeleted);
    }

    private void OnOwnerDeleted(T owner)
    {
        _expectations.Delete(ObjectKey.Of(owner));
        _written.Forget(ObjectKey.Of(owner));
        Enqueue(owner);
    }

    private void OnPodAdded(Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            OnPodDeleted(pod);
            return;
        }
        if (ControllerRefs.ControllerOf(pod) is { } owner)
        {
            if (Resolve(pod.Metadata.Namespace, owner) is { } o)
            {
                _expectations.CreationObserved(ObjectKey.Of(o));
                Enqueue(o);
            }
            return;
        }
        EnqueueMatching(pod);
    }

    private void OnPodUpdated(Pod old, Pod pod)
    {
        if (old.Metadata.ResourceVersion == pod.Metadata.ResourceVersion && old.Metadata.ResourceVersion is not null) return;
        var labelsChanged = !SameLabels(old.Metadata.Labels, pod.Metadata.Labels);
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            OnPodDeleted(pod);
            if (labelsChanged) OnPodDeleted(old);
            return;
        }
        var oldRef = ControllerRefs.ControllerOf(old);
        var newRef = ControllerRefs.ControllerOf(pod);
        if (oldRef is not null && oldRef.Uid != newRef?.Uid && Resolve(old.Metadata.Namespace, oldRef) is { } previous) Enqueue(previous);
        if (newRef is not null)
        {
            if (Resolve(pod.Metadata.Namespace, newRef) is { } o)
            {
                Enqueue(o);
                // A pod that just became ready turns available minReadySeconds later; look again then.
                var minReady = _kind.MinReadySeconds(o);
                if (minReady > 0 && !PodState.IsReady(old) && PodState.IsReady(pod))
                    EnqueueAt(ObjectKey.Of(o), Time.GetUtcNow().AddSeconds(minReady));
            }
            return;
        }
        if (labelsChanged || oldRef is not null) EnqueueMatching(pod);
    }

    private void OnPodDeleted(Pod pod)
    {
        if (ControllerRefs.ControllerOf(pod) is not { } owner || Resolve(pod.Metadata.Namespace, owner) is not { } o) return;
        var key = ObjectKey.Of(o);
        _expectations.DeletionObserved(key, pod.Metadata.Uid ?? "");
        Queue.Add(key);
    }

    /// <summary>The owner a controller reference names, when it is of this kind and still the same object (UID).</summary>
    private T? Resolve(string? ns, OwnerReference owner)
    {
        if (owner.Kind != _kind.Kind) return null;
        var o = _owners.Get(ns, owner.Name);
        return o?.Metadata.Uid == owner.Uid ? o : null;
    }

    /// <summary>An orphan: every owner of its namespace whose selector matches it may want to adopt it.</summary>
    private void EnqueueMatching(Pod pod)
    {
        foreach (var o in _owners.List(pod.Metadata.Namespace))
        {
            if (_kind.Selector(o) is { } selector && !selector.IsEmpty && selector.Matches(pod.Metadata.Labels)) Enqueue(o);
        }
    }

    private static bool SameLabels(Dictionary<string, string>? a, Dictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true;
        return a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Key}: invalid selector; not syncing")]
    private static partial void LogBadSelector(ILogger logger, string kind, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Key}: {Diff} pods too few, creating")]
    private static partial void LogCreating(ILogger logger, string kind, string key, int diff);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} {Key}: {Diff} pods too many, deleting")]
    private static partial void LogDeleting(ILogger logger, string kind, string key, int diff);
}
