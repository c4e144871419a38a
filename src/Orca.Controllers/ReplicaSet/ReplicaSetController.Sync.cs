using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.ReplicaSets;

internal sealed partial class ReplicaSetController<T>
{
    /// <summary>
    /// One level-triggered pass: claim the pods (adopt/release), create or delete the difference when the
    /// expectations allow it, write status, and come back when a ready pod turns available.
    /// </summary>
    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var owner = _written.Latest(key, _owners.Get(key));
        if (owner is null)
        {
            _expectations.Delete(key);
            return;
        }
        if (_kind.Selector(owner) is not { } selector)
        {
            LogBadSelector(Logger, _kind.Kind, key);
            return;
        }
        var needsSync = _expectations.Satisfied(key) && owner.Metadata.DeletionTimestamp is null;
        var pods = await ClaimPodsAsync(owner, selector, ct);
        Exception? manageError = null;
        var diff = pods.Count - _kind.Replicas(owner);
        if (needsSync && diff != 0)
        {
            try
            {
                await ManageAsync(key, owner, pods, diff, ct);
            }
            catch (ApiException e)
            {
                manageError = e;
            }
        }
        var now = Time.GetUtcNow();
        var status = CalculateStatus(owner, pods, manageError, diff, now);
        await UpdateStatusAsync(owner, status, ct);
        if (manageError is not null) throw manageError;
        RequeueForAvailability(key, owner, pods, now);
    }

    /// <summary>Active pods this owner controls after adopting matching orphans and releasing pods that stopped matching.</summary>
    private async Task<List<Pod>> ClaimPodsAsync(T owner, LabelSelectorExpr selector, CancellationToken ct)
    {
        var own = PodIndex.Controlled(_pods, owner.Metadata.Uid!);
        var orphans = PodIndex.Orphans(_pods, owner.Metadata.Namespace);
        var candidates = own.Concat(orphans).Where(PodState.IsActive);
        var ownerRef = ControllerRefs.For(owner, _kind.ApiVersion, _kind.Kind);
        // An empty selector never adopts (Kubernetes refuses selectors that match everything here).
        Func<Pod, bool> matches = selector.IsEmpty ? _ => false : p => selector.Matches(p.Metadata.Labels);
        if (orphans.Count == 0 && own.All(p => matches(p) || p.Metadata.DeletionTimestamp is not null))
            return candidates.ToList();
        return await ControllerRefs.ClaimAsync(_podControl.Pods, owner, ownerRef, matches, candidates, ct);
    }

    /// <summary>Creates (slow start) or deletes (ranked) up to <see cref="BurstReplicas"/> pods, under expectations.</summary>
    private async Task ManageAsync(string key, T owner, List<Pod> pods, int diff, CancellationToken ct)
    {
        if (diff < 0)
        {
            var count = Math.Min(-diff, BurstReplicas);
            LogCreating(Logger, _kind.Kind, key, count);
            _expectations.Expect(key, count);
            var template = _kind.Template(owner) ?? new PodTemplateSpec();
            var ownerRef = ControllerRefs.For(owner, _kind.ApiVersion, _kind.Kind);
            var (successes, error) = await SlowStart.RunAsync(count, 1,
                c => _podControl.CreateAsync(PodControl.FromTemplate(template, owner, ownerRef), owner, c), ct);
            // Creations that failed or never ran will not be observed; stop waiting for them.
            for (var i = successes; i < count; i++) _expectations.CreationObserved(key);
            if (error is not null) throw error;
            return;
        }
        var victims = DeletionRanking.PodsToDelete(pods, Math.Min(diff, BurstReplicas), Time.GetUtcNow());
        LogDeleting(Logger, _kind.Kind, key, victims.Count);
        _expectations.Expect(key, 0, victims.Select(p => p.Metadata.Uid!));
        var results = await Task.WhenAll(victims.Select(async p =>
        {
            try
            {
                await _podControl.DeleteAsync(p, owner, ct);
                return null;
            }
            catch (ApiException e)
            {
                _expectations.DeletionObserved(key, p.Metadata.Uid!);
                return e;
            }
        }));
        if (results.FirstOrDefault(e => e is not null) is { } failure) throw failure;
    }

    private ReplicaStatus CalculateStatus(T owner, List<Pod> pods, Exception? manageError, int diff, DateTimeOffset now)
    {
        var templateLabels = _kind.Template(owner)?.Metadata?.Labels;
        var minReady = _kind.MinReadySeconds(owner);
        int fullyLabeled = 0, ready = 0, available = 0;
        foreach (var p in pods)
        {
            if (templateLabels is null || templateLabels.All(kv => p.Metadata.Labels?.GetValueOrDefault(kv.Key) == kv.Value)) fullyLabeled++;
            if (!PodState.IsReady(p)) continue;
            ready++;
            if (PodState.IsAvailable(p, minReady, now)) available++;
        }
        var failure = _kind.StatusOf(owner).Failure;
        if (manageError is not null)
            failure ??= new ReplicaFailure(diff < 0 ? "FailedCreate" : "FailedDelete", ErrorText(manageError), now);
        else
            failure = null;
        return new ReplicaStatus(pods.Count, fullyLabeled, ready, available, owner.Metadata.Generation, failure);
    }

    /// <summary>The message Kubernetes writes for a failed create/delete: the API error as its Status message says it.</summary>
    private static string ErrorText(Exception e) => e is ApiException api ? api.Message : e.Message;

    /// <summary>Writes status when it changed (retrying once on a conflict against a fresh read, as Kubernetes does).</summary>
    private async Task UpdateStatusAsync(T owner, ReplicaStatus status, CancellationToken ct)
    {
        if (_kind.StatusOf(owner) == status) return;
        var copy = ApiJson.Clone(owner);
        _kind.SetStatus(copy, status);
        var key = ObjectKey.Of(owner);
        try
        {
            _written.Remember(key, owner.Metadata.ResourceVersion, await _client.UpdateStatusAsync(copy, ct));
        }
        catch (ApiException e) when (e.IsConflict)
        {
            var fresh = await _client.GetAsync(owner.Metadata.Namespace, owner.Metadata.Name!, ct);
            if (fresh.Metadata.Uid != owner.Metadata.Uid) return;
            var replaced = fresh.Metadata.ResourceVersion;
            _kind.SetStatus(fresh, status with { ObservedGeneration = owner.Metadata.Generation });
            _written.Remember(key, replaced, await _client.UpdateStatusAsync(fresh, ct));
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary>With minReadySeconds, ready pods become available later without any event: requeue for the earliest.</summary>
    private void RequeueForAvailability(string key, T owner, List<Pod> pods, DateTimeOffset now)
    {
        var minReady = _kind.MinReadySeconds(owner);
        if (minReady <= 0) return;
        DateTimeOffset? next = null;
        foreach (var p in pods)
        {
            if (PodState.AvailableAt(p, minReady) is { } at && at > now && (next is null || at < next)) next = at;
        }
        if (next is { } due) EnqueueAt(key, due);
    }
}
