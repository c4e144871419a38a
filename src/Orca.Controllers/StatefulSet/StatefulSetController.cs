using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;
using Set = Orca.Api.Apps.StatefulSet;

namespace Orca.Controllers.StatefulSets;

/// <summary>
/// The StatefulSet controller: per set, claims its pods (`&lt;set&gt;-&lt;ordinal&gt;`, matching the selector), keeps
/// the template history as ControllerRevisions, creates, replaces and deletes pods as the pod management
/// policy and update strategy allow (<see cref="StatefulSetController.UpdatePodsAsync"/>), creates each pod's
/// claims first and keeps their owner references as the retention policy says, and writes status.
/// Level-triggered: each sync takes at most one ordered step (OrderedReady) or one burst (Parallel) and
/// relies on the resulting pod events to take the next.
/// </summary>
internal sealed partial class StatefulSetController : QueueController
{
    public const string ControllerName = "statefulset";
    public const string Component = "statefulset-controller";

    private readonly Lister<Set> _sets;
    private readonly Lister<Pod> _pods;
    private readonly Lister<ControllerRevision> _revisions;
    private readonly Lister<PersistentVolumeClaim> _claims;
    private readonly ResourceClient<Pod> _podClient;
    private readonly ResourceClient<Set> _setClient;
    private readonly ResourceClient<ControllerRevision> _revisionClient;
    private readonly ResourceClient<PersistentVolumeClaim> _claimClient;
    private readonly EventRecorder _recorder;

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName, ctx =>
    {
        ctx.Informers.For<Set>();
        ctx.Informers.For<Pod>();
        ctx.Informers.For<ControllerRevision>();
        ctx.Informers.For<PersistentVolumeClaim>();
    }, ctx => new StatefulSetController(ctx));

    private StatefulSetController(ControllerContext context) : base(context, ControllerName)
    {
        _sets = context.Informers.For<Set>().Lister;
        _pods = context.Informers.For<Pod>().Lister;
        _revisions = context.Informers.For<ControllerRevision>().Lister;
        _claims = context.Informers.For<PersistentVolumeClaim>().Lister;
        _podClient = context.Client.Resource<Pod>();
        _setClient = context.Client.Resource<Set>();
        _revisionClient = context.Client.Resource<ControllerRevision>();
        _claimClient = context.Client.Resource<PersistentVolumeClaim>();
        _recorder = context.Recorder(Component);
    }

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return Context.Informers.For<Set>().AddEventHandler(Enqueue, (_, s) => Enqueue(s), Enqueue);
        yield return Context.Informers.For<Pod>().AddEventHandler(OnPod, (old, pod) =>
        {
            OnPod(pod);
            if (ControllerRefs.ControllerOf(old)?.Uid != ControllerRefs.ControllerOf(pod)?.Uid) OnPod(old);
        }, OnPod);
        yield return Context.Informers.For<ControllerRevision>().AddEventHandler(OnOwned, (_, r) => OnOwned(r), OnOwned);
        yield return Context.Informers.For<PersistentVolumeClaim>().AddEventHandler(OnClaim, (_, c) => OnClaim(c), OnClaim);
    }

    /// <summary>A pod's set looks again: its controller, or (for an orphan) every set whose selector matches it.</summary>
    private void OnPod(Pod pod)
    {
        if (ControllerRefs.ControllerOf(pod) is { } owner)
        {
            if (owner.Kind == "StatefulSet") Queue.Add($"{pod.Metadata.Namespace}/{owner.Name}");
            return;
        }
        foreach (var set in _sets.List(pod.Metadata.Namespace))
        {
            if (LabelSelectorConverter.TryConvert(set.Spec.Selector, out var selector, out _) && !selector.IsEmpty && selector.Matches(pod.Metadata.Labels))
                Enqueue(set);
        }
    }

    private void OnOwned(IKubeObject obj)
    {
        if (ControllerRefs.ControllerOf(obj) is { Kind: "StatefulSet" } owner) Queue.Add($"{obj.Metadata.Namespace}/{owner.Name}");
    }

    /// <summary>A claim of the form &lt;template&gt;-&lt;set&gt;-&lt;n&gt; wakes the sets of its namespace whose name it contains (a pod may wait for it).</summary>
    private void OnClaim(PersistentVolumeClaim claim)
    {
        foreach (var set in _sets.List(claim.Metadata.Namespace))
        {
            if (set.Spec.VolumeClaimTemplates is { Count: > 0 } && (claim.Metadata.Name ?? "").Contains("-" + set.Metadata.Name + "-", StringComparison.Ordinal))
                Enqueue(set);
        }
    }

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectKey.Split(key);
        var set = _sets.Get(ns, name);
        if (set is null) return;
        if (!LabelSelectorConverter.TryConvert(set.Spec.Selector, out var selector, out _) || selector.IsEmpty) return;
        var pods = await ClaimPodsAsync(set, selector, ct);
        if (set.Metadata.DeletionTimestamp is not null) return;
        var history = await RevisionsAsync(set, ct);
        var status = await UpdatePodsAsync(set, history, pods, ct);
        await WriteStatusAsync(set, status, history, ct);
        await TruncateHistoryAsync(set, history, pods, ct);
    }

    private async Task<List<Pod>> ClaimPodsAsync(Set set, LabelSelectorExpr selector, CancellationToken ct)
    {
        var candidates = _pods.List(set.Metadata.Namespace);
        var controllerRef = ControllerRefs.For(set, "apps/v1", "StatefulSet");
        return await ControllerRefs.ClaimAsync(_podClient, set, controllerRef,
            p => selector.Matches(p.Metadata.Labels) && StatefulPods.OrdinalOf(set, p) >= 0, candidates, ct);
    }

    private async Task WriteStatusAsync(Set set, StatefulSetStatus status, SetHistory history, CancellationToken ct)
    {
        status.ObservedGeneration = set.Metadata.Generation;
        status.CollisionCount = history.CollisionCount;
        status.UpdateRevision = history.Update.Metadata.Name;
        status.CurrentRevision ??= history.Current.Metadata.Name;
        status.Conditions = set.Status.Conditions;
        if (set.Spec.UpdateStrategy?.Type != "OnDelete" && status.UpdatedReplicas == status.Replicas && status.ReadyReplicas == status.Replicas)
        {
            status.CurrentRevision = status.UpdateRevision;
            status.CurrentReplicas = status.UpdatedReplicas;
        }
        if (Orca.Api.Json.ApiJson.SerializeToString(status) == Orca.Api.Json.ApiJson.SerializeToString(set.Status)) return;
        var updated = Orca.Api.Json.ApiJson.Clone(set);
        updated.Status = status;
        await _setClient.UpdateStatusAsync(updated, ct);
    }
}
