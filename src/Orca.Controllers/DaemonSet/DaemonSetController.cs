using Microsoft.Extensions.Logging;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.DaemonSets;

/// <summary>
/// The DaemonSet controller: one pod of each DaemonSet on every node that fits it (see
/// <see cref="DaemonNodeFit"/>). Each sync: claim the revisions and make the current one
/// (<see cref="DaemonSetHistory"/>); claim the pods (adopt matching orphans, release pods that stopped
/// matching); unless creations or deletions asked for earlier are still unseen, run the core loop
/// (<see cref="DaemonSetPlanner"/>) and, when that had nothing to do, the RollingUpdate step
/// (<see cref="DaemonSetRollout"/>; OnDelete replaces pods only when users delete them); trim history; write
/// status. Pods are created for a node through a required node affinity on its name; the scheduler binds them.
/// </summary>
internal sealed partial class DaemonSetController : QueueController
{
    /// <summary>How many pods one sync creates or deletes at most (Kubernetes' BurstReplicas).</summary>
    public const int BurstReplicas = 250;

    public static readonly ControllerDescriptor Descriptor = new("daemonset", RegisterInformers, ctx => new DaemonSetController(ctx));

    private readonly SharedInformer<DaemonSet> _daemonSets;
    private readonly SharedInformer<Pod> _pods;
    private readonly SharedInformer<Node> _nodes;
    private readonly SharedInformer<ControllerRevision> _revisions;
    private readonly Expectations _expectations;
    private readonly FailedPodBackoff _backoff = new();
    private readonly PodControl _podControl;
    private readonly DaemonSetHistory _history;
    private readonly EventRecorder _recorder;

    private DaemonSetController(ControllerContext context) : base(context, "daemonset")
    {
        _daemonSets = context.Informers.For<DaemonSet>();
        _pods = context.Informers.For<Pod>();
        _nodes = context.Informers.For<Node>();
        _revisions = context.Informers.For<ControllerRevision>();
        _expectations = new Expectations(context.Time);
        _recorder = context.Recorder("daemonset-controller");
        _podControl = new PodControl(context.Client, _recorder);
        _history = new DaemonSetHistory(context.Client, _revisions.Lister);
    }

    private static void RegisterInformers(ControllerContext context)
    {
        context.Informers.For<DaemonSet>();
        context.Informers.For<Pod>();
        context.Informers.For<Node>();
        context.Informers.For<ControllerRevision>();
    }

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var (ns, name) = ObjectKey.Split(key);
        var ds = _daemonSets.Lister.Get(ns, name);
        if (ds is null)
        {
            _expectations.Delete(key);
            return;
        }
        if (!LabelSelectorConverter.TryConvert(ds.Spec.Selector, out var selector, out _) || selector.IsEmpty)
        {
            _recorder.Event(ds, "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.");
            return;
        }
        if (ds.Metadata.DeletionTimestamp is not null) return;

        var (current, old) = await _history.ConstructAsync(ds, selector, ct);
        var pods = await ClaimPodsAsync(ds, selector, ct);
        var view = new DaemonSetView(ds, _nodes.Lister.List(), pods, DaemonSetHistory.HashOf(current), Time.GetUtcNow());
        if (!_expectations.Satisfied(key))
        {
            await WriteStatusAsync(key, view, observe: false, ct);
            return;
        }
        var plan = DaemonSetPlanner.Manage(view, _backoff);
        ReportFinished(ds, plan);
        await ExecuteAsync(key, view, plan, ct);
        if (plan.IsEmpty && view.IsRollingUpdate)
        {
            var rollout = DaemonSetRollout.Plan(view);
            await ExecuteAsync(key, view, rollout, ct);
            if (rollout.RecheckAt is { } at) EnqueueAt(key, at);
        }
        if (plan.RecheckAt is { } retry) EnqueueAt(key, retry);
        await _history.CleanupAsync(ds, old, pods, ct);
        await WriteStatusAsync(key, view, observe: true, ct);
        _backoff.Collect(view.Now);
    }

    private async Task<List<Pod>> ClaimPodsAsync(DaemonSet ds, LabelSelectorExpr selector, CancellationToken ct)
    {
        var controllerRef = ControllerRefs.For(ds, "apps/v1", "DaemonSet");
        var candidates = _pods.Lister.List(ds.Metadata.Namespace);
        return await ControllerRefs.ClaimAsync(_podControl.Pods, ds, controllerRef, p => selector.Matches(p.Metadata.Labels), candidates, ct);
    }

    private void ReportFinished(DaemonSet ds, DaemonSetPlan plan)
    {
        foreach (var (pod, node) in plan.Finished)
        {
            var id = $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
            if (pod.Status.Phase == "Failed")
                _recorder.Event(ds, "Warning", "FailedDaemonPod", $"Found failed daemon pod {id} on node {node}, will try to kill it");
            else
                _recorder.Event(ds, "Normal", "SucceededDaemonPod", $"Found succeeded daemon pod {id} on node {node}, will try to delete it");
        }
    }

    /// <summary>
    /// Writes the status counts (and, after a full sync, observedGeneration) when they changed, and asks to
    /// be synced again when a ready pod will have been ready for minReadySeconds.
    /// </summary>
    private async Task WriteStatusAsync(string key, DaemonSetView view, bool observe, CancellationToken ct)
    {
        var (counts, recheckAt) = DaemonSetStatusCounts.Compute(view);
        var ds = view.Ds;
        counts.ObservedGeneration = observe ? ds.Metadata.Generation : ds.Status.ObservedGeneration;
        if (recheckAt is { } at) EnqueueAt(key, at);
        if (DaemonSetStatusCounts.Same(ds.Status, counts)) return;
        var updated = ApiJson.Clone(ds);
        counts.CollisionCount = ds.Status.CollisionCount;
        counts.Conditions = ds.Status.Conditions;
        updated.Status = counts;
        await Context.Client.Resource<DaemonSet>().UpdateStatusAsync(updated, ct);
    }
}
