using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Controllers.DaemonSets;

internal sealed partial class DaemonSetController
{
    /// <summary>
    /// Carries out a plan (Kubernetes' syncNodes): expectations first (so the pod events that follow are
    /// counted, never acted on twice), then at most <see cref="BurstReplicas"/> creations in slow-start batches
    /// and as many deletions in parallel. Failed calls lower the expectations; any failure is thrown so that
    /// the key is retried with backoff.
    /// </summary>
    private async Task ExecuteAsync(string key, DaemonSetView view, DaemonSetPlan plan, CancellationToken ct)
    {
        if (plan.IsEmpty)
        {
            _expectations.Expect(key, 0);
            return;
        }
        var creates = plan.Create.Take(BurstReplicas).ToList();
        var deletes = plan.Delete.Take(BurstReplicas).ToList();
        _expectations.Expect(key, creates.Count, deletes.Select(p => p.Metadata.Uid!));
        var errors = new List<Exception>();
        await CreateSlowStartAsync(key, view, creates, errors, ct);
        await Task.WhenAll(deletes.Select(pod => DeleteAsync(key, view, pod, errors, ct)));
        if (errors.Count > 0) throw new AggregateException($"daemon set {key}: {errors.Count} pod operation(s) failed", errors);
    }

    /// <summary>
    /// Creates pods in batches of 1, 2, 4, …: a batch with a failure ends the run and the rest are not
    /// attempted (their expectations dropped), so that a cause that fails every creation (a quota, an admission
    /// rule) costs one request and one event instead of hundreds. The next sync tries again.
    /// </summary>
    private async Task CreateSlowStartAsync(string key, DaemonSetView view, List<string> nodes, List<Exception> errors, CancellationToken ct)
    {
        var position = 0;
        for (var batch = Math.Min(1, nodes.Count); position < nodes.Count; batch = Math.Min(2 * batch, nodes.Count - position))
        {
            var failedBefore = errors.Count;
            await Task.WhenAll(nodes.Skip(position).Take(batch).Select(node => CreateAsync(key, view, node, errors, ct)));
            position += batch;
            if (errors.Count > failedBefore)
            {
                for (var skipped = position; skipped < nodes.Count; skipped++) _expectations.CreationObserved(key);
                return;
            }
        }
    }

    private async Task CreateAsync(string key, DaemonSetView view, string node, List<Exception> errors, CancellationToken ct)
    {
        try
        {
            await _podControl.CreateAsync(DaemonPods.New(view.Ds, node, view.Hash), view.Ds, ct);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _expectations.CreationObserved(key);
            lock (errors) errors.Add(e);
        }
    }

    /// <summary>
    /// Deletes a pod. A pod meant for a node that no longer exists is deleted at once (grace period 0): no
    /// agent is left to confirm a graceful deletion, which would otherwise never finish.
    /// </summary>
    private async Task DeleteAsync(string key, DaemonSetView view, Pod pod, List<Exception> errors, CancellationToken ct)
    {
        try
        {
            if (DaemonPods.TargetNode(pod) is { } node && !view.NodeNames.Contains(node)) await ForceDeleteAsync(view.Ds, pod, ct);
            else await _podControl.DeleteAsync(pod, view.Ds, ct);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _expectations.DeletionObserved(key, pod.Metadata.Uid!);
            lock (errors) errors.Add(e);
        }
    }

    private async Task ForceDeleteAsync(DaemonSet ds, Pod pod, CancellationToken ct)
    {
        try
        {
            await _podControl.Pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, new DeleteOptions
            {
                GracePeriodSeconds = 0,
                Preconditions = new Preconditions { Uid = pod.Metadata.Uid },
            }, ct);
            _recorder.Event(ds, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Metadata.Name}");
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
            _expectations.DeletionObserved(ObjectKey.Of(ds), pod.Metadata.Uid!);
        }
    }
}
