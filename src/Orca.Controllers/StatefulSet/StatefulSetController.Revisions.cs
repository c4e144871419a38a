using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Client;
using Orca.Controllers.Framework;
using Set = Orca.Api.Apps.StatefulSet;

namespace Orca.Controllers.StatefulSets;

/// <summary>The revisions a sync works with: the one pods are being rolled back from (current) and to (update).</summary>
internal sealed record SetHistory(ControllerRevision Current, ControllerRevision Update, int CollisionCount, IReadOnlyList<ControllerRevision> All);

internal sealed partial class StatefulSetController
{
    /// <summary>
    /// Finds or makes the revision of the set's template. An identical older revision is reused and given the
    /// next revision number (so `rollout undo` does not grow history); a name taken by different data bumps
    /// collisionCount. Current is the revision status names, or the update revision for a new set.
    /// </summary>
    private async Task<SetHistory> RevisionsAsync(Set set, CancellationToken ct)
    {
        var revisions = _revisions.List(set.Metadata.Namespace)
            .Where(r => ControllerRefs.IsControlledBy(r, set)).OrderBy(r => r.Revision).ToList();
        var collisionCount = set.Status.CollisionCount ?? 0;
        var update = await FindOrCreateRevisionAsync(set, revisions, collisionCount, ct);
        while (update is null)
        {
            collisionCount++;
            update = await FindOrCreateRevisionAsync(set, revisions, collisionCount, ct);
        }
        if (revisions.All(r => r.Metadata.Name != update.Metadata.Name)) revisions.Add(update);
        var current = revisions.FirstOrDefault(r => r.Metadata.Name == set.Status.CurrentRevision) ?? update;
        return new SetHistory(current, update, collisionCount, revisions);
    }

    /// <returns>The update revision, or null when its name is taken by a revision of other data (a hash collision).</returns>
    private async Task<ControllerRevision?> FindOrCreateRevisionAsync(Set set, List<ControllerRevision> revisions, int collisionCount, CancellationToken ct)
    {
        var wanted = StatefulSetHistory.New(set, StatefulSetHistory.Next(revisions), collisionCount);
        var equal = revisions.LastOrDefault(r => StatefulSetHistory.SameData(r, wanted));
        if (equal is not null)
        {
            if (ReferenceEquals(equal, revisions[^1])) return equal;
            var bumped = ApiJson.Clone(equal);
            bumped.Revision = wanted.Revision;
            var stored = await _revisionClient.UpdateAsync(bumped, ct);
            revisions[revisions.IndexOf(equal)] = stored;
            return stored;
        }
        try
        {
            return await _revisionClient.CreateAsync(wanted, ct);
        }
        catch (ApiException e) when (e.IsAlreadyExists)
        {
            var existing = await _revisionClient.GetAsync(set.Metadata.Namespace, wanted.Metadata.Name!, ct);
            return ControllerRefs.IsControlledBy(existing, set) && StatefulSetHistory.SameData(existing, wanted) ? existing : null;
        }
    }

    /// <summary>Deletes the oldest revisions beyond revisionHistoryLimit that no pod uses and that are neither current nor update.</summary>
    private async Task TruncateHistoryAsync(Set set, SetHistory history, List<Pod> pods, CancellationToken ct)
    {
        var live = new HashSet<string>(StringComparer.Ordinal) { history.Current.Metadata.Name!, history.Update.Metadata.Name! };
        foreach (var p in pods)
            if (StatefulPods.Revision(p) is { } r) live.Add(r);
        var old = history.All.Where(r => !live.Contains(r.Metadata.Name!)).OrderBy(r => r.Revision).ToList();
        var limit = Math.Max(0, set.Spec.RevisionHistoryLimit ?? 10);
        foreach (var r in old.Take(Math.Max(0, old.Count - limit)))
        {
            try
            {
                await _revisionClient.DeleteAsync(r.Metadata.Namespace, r.Metadata.Name!, ct: ct);
            }
            catch (ApiException e) when (e.IsNotFound)
            {
            }
        }
    }
}
