using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Json;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.DaemonSets;

/// <summary>
/// A DaemonSet's revision history as ControllerRevisions, the way Kubernetes keeps it and kubectl reads it:
/// one revision per distinct template, named "&lt;ds&gt;-&lt;hash&gt;", labelled with the template's labels plus
/// controller-revision-hash, carrying the DaemonSet's annotations (so `rollout history` shows change-cause),
/// controlled by the DaemonSet, and holding as data the strategic merge patch
/// {"spec":{"template":{…,"$patch":"replace"}}} that `kubectl rollout undo` sends back to restore it.
/// The current template's revision always has the highest number; going back to an old template renumbers
/// that revision instead of creating another. Idempotent; retried on conflicts by the caller's queue.
/// </summary>
internal sealed class DaemonSetHistory(KubeClient client, Lister<ControllerRevision> revisions)
{
    private readonly ResourceClient<ControllerRevision> _revisions = client.Resource<ControllerRevision>();
    private readonly ResourceClient<DaemonSet> _daemonSets = client.Resource<DaemonSet>();

    /// <summary>The current revision (created or renumbered as needed) and the old ones.</summary>
    public async Task<(ControllerRevision Current, List<ControllerRevision> Old)> ConstructAsync(DaemonSet ds, LabelSelectorExpr selector, CancellationToken ct)
    {
        var owned = await ClaimAsync(ds, selector, ct);
        var current = owned.Where(r => Matches(ds, r)).OrderByDescending(r => r.Revision).ToList();
        var old = owned.Where(r => !Matches(ds, r)).ToList();
        var next = old.Count == 0 ? 1 : old.Max(r => r.Revision) + 1;
        if (current.Count == 0) return (await SnapshotAsync(ds, next, ct), old);
        var keep = current[0];
        foreach (var duplicate in current.Skip(1)) await DeleteAsync(duplicate, ct);
        if (keep.Revision < next)
        {
            var renumbered = ApiJson.Clone(keep);
            renumbered.Revision = next;
            keep = await _revisions.UpdateAsync(renumbered, ct);
        }
        return (keep, old);
    }

    /// <summary>
    /// Deletes the oldest old revisions beyond spec.revisionHistoryLimit, never one whose hash a live pod
    /// still carries (OnDelete and paused rollouts still run those pods).
    /// </summary>
    public async Task CleanupAsync(DaemonSet ds, List<ControllerRevision> old, IEnumerable<Api.Core.Pod> pods, CancellationToken ct)
    {
        var excess = old.Count - (ds.Spec.RevisionHistoryLimit ?? 10);
        if (excess <= 0) return;
        var live = pods.Select(p => p.Metadata.Labels?.GetValueOrDefault(AppsLabels.ControllerRevisionHash)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var revision in old.OrderBy(r => r.Revision))
        {
            if (excess <= 0) break;
            if (revision.Metadata.Labels?.GetValueOrDefault(AppsLabels.ControllerRevisionHash) is { } hash && live.Contains(hash)) continue;
            await DeleteAsync(revision, ct);
            excess--;
        }
    }

    /// <summary>The revision's hash: its controller-revision-hash label (set at creation), else its name.</summary>
    public static string HashOf(ControllerRevision revision) =>
        revision.Metadata.Labels?.GetValueOrDefault(AppsLabels.ControllerRevisionHash) ?? revision.Metadata.Name!;

    /// <summary>The patch that restores <paramref name="ds"/>'s template: {"spec":{"template":{…,"$patch":"replace"}}}.</summary>
    public static JsonObject Patch(DaemonSet ds)
    {
        var template = (JsonObject)JsonNode.Parse(ApiJson.Serialize(ds.Spec.Template))!;
        template["$patch"] = "replace";
        return new JsonObject { ["spec"] = new JsonObject { ["template"] = template } };
    }

    /// <summary>True when <paramref name="revision"/> holds <paramref name="ds"/>'s current template.</summary>
    public static bool Matches(DaemonSet ds, ControllerRevision revision) => JsonNode.DeepEquals(Patch(ds), revision.Data);

    private async Task<List<ControllerRevision>> ClaimAsync(DaemonSet ds, LabelSelectorExpr selector, CancellationToken ct)
    {
        var candidates = revisions.List(ds.Metadata.Namespace);
        var controllerRef = ControllerRefs.For(ds, "apps/v1", "DaemonSet");
        return await ControllerRefs.ClaimAsync(_revisions, ds, controllerRef, r => selector.Matches(r.Metadata.Labels), candidates, ct);
    }

    /// <summary>
    /// Creates the revision. A name taken by a different template (a hash collision) bumps
    /// status.collisionCount and fails, so the retry computes a new name.
    /// </summary>
    private async Task<ControllerRevision> SnapshotAsync(DaemonSet ds, long number, CancellationToken ct)
    {
        var hash = TemplateHash.Compute(ds.Spec.Template, ds.Status.CollisionCount);
        var labels = new Dictionary<string, string>(ds.Spec.Template.Metadata?.Labels ?? [], StringComparer.Ordinal)
        {
            [AppsLabels.ControllerRevisionHash] = hash,
        };
        var revision = new ControllerRevision
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevision",
            Metadata = new Api.Meta.ObjectMeta
            {
                Name = ds.Metadata.Name + "-" + hash,
                Namespace = ds.Metadata.Namespace,
                Labels = labels,
                Annotations = ds.Metadata.Annotations is null ? null : new Dictionary<string, string>(ds.Metadata.Annotations),
                OwnerReferences = [ControllerRefs.For(ds, "apps/v1", "DaemonSet")],
            },
            Data = Patch(ds),
            Revision = number,
        };
        try
        {
            return await _revisions.CreateAsync(revision, ct);
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            var existing = await _revisions.GetAsync(ds.Metadata.Namespace, revision.Metadata.Name, ct);
            if (Matches(ds, existing)) return existing;
            var fresh = await _daemonSets.GetAsync(ds.Metadata.Namespace, ds.Metadata.Name!, ct);
            if (fresh.Status.CollisionCount != ds.Status.CollisionCount)
                throw new InvalidOperationException($"stale collision count of daemon set {ds.Metadata.Name}; retrying");
            fresh.Status.CollisionCount = (fresh.Status.CollisionCount ?? 0) + 1;
            await _daemonSets.UpdateStatusAsync(fresh, ct);
            throw new InvalidOperationException($"hash collision for daemon set {ds.Metadata.Name}: collisionCount bumped to {fresh.Status.CollisionCount}");
        }
    }

    private async Task DeleteAsync(ControllerRevision revision, CancellationToken ct)
    {
        try
        {
            await _revisions.DeleteAsync(revision.Metadata.Namespace, revision.Metadata.Name!, null, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }
}
