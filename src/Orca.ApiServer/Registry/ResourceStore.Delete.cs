using System.Globalization;
using Orca.Api;
using Orca.Api.Meta;
using Orca.ApiServer.Http;
using Orca.ApiServer.Watch;
using Orca.Storage;

namespace Orca.ApiServer.Registry;

internal sealed partial class ResourceStore
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// Deletes an object the way Kubernetes does. Preconditions (uid, resourceVersion) are checked
    /// first. An object with a grace period (a pod on a node) or with finalizers (including the
    /// orphan / foregroundDeletion ones a propagation policy adds) is only marked — deletionTimestamp
    /// and deletionGracePeriodSeconds set — and stays until its finalizers are gone and its owner
    /// confirms; otherwise it is removed at once. Returns the object and whether it is gone.
    /// </summary>
    public async Task<(CachedObject Result, bool Deleted)> DeleteAsync(string ns, string name, DeleteOptions options, WriteOptions write,
        CancellationToken cancellationToken)
    {
        var key = Definition.Key(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            await WaitFreshAsync(cancellationToken);
            var current = Cache.Get(key) ?? throw NotFound(name);
            CheckPreconditions(current, options.Preconditions, name);
            var obj = Copy(current);
            var meta = obj.Metadata;
            var grace = Strategy.GracePeriod(obj, options.GracePeriodSeconds);
            var finalizers = meta.Finalizers?.ToList() ?? [];
            AddPropagationFinalizer(finalizers, options);
            var now = _time.GetUtcNow();

            bool mustWait = finalizers.Count > 0 || grace is > 0 || Strategy.KeepOnDelete(obj);
            if (!mustWait)
            {
                if (write.DryRun) return (current, true);
                try
                {
                    return (Written(Wrote(await _kv.DeleteAsync(key, current.ModRevision, cancellationToken))), true);
                }
                catch (StoreException e) when (e is RevisionConflictException && attempt < MaxUpdateRetries && options.Preconditions?.ResourceVersion is null)
                {
                    continue;
                }
                catch (KeyNotFoundStoreException)
                {
                    throw NotFound(name);
                }
            }

            var newGrace = grace ?? 0;
            if (meta.DeletionTimestamp is not null)
            {
                // Already being deleted: only a shorter grace period changes anything.
                if (meta.DeletionGracePeriodSeconds is { } existing && newGrace >= existing && SameFinalizers(meta.Finalizers, finalizers))
                    return (current, false);
            }
            var deadline = TruncateToSeconds(now.AddSeconds(newGrace));
            if (meta.DeletionTimestamp is null || deadline < meta.DeletionTimestamp) meta.DeletionTimestamp = deadline;
            meta.DeletionGracePeriodSeconds = newGrace;
            meta.Finalizers = finalizers.Count > 0 ? finalizers : null;
            var bytes = Encode(obj);
            if (write.DryRun) return (Decode(new KeyValue(key, bytes, 0, current.ModRevision), current.ModRevision), false);
            try
            {
                return (Written(Wrote(await _kv.UpdateAsync(key, bytes, current.ModRevision, cancellationToken))), false);
            }
            catch (StoreException e) when (e is RevisionConflictException && attempt < MaxUpdateRetries)
            {
            }
            catch (KeyNotFoundStoreException)
            {
                throw NotFound(name);
            }
        }
    }

    private void CheckPreconditions(CachedObject current, Preconditions? preconditions, string name)
    {
        if (preconditions is null) return;
        if (preconditions.Uid is { } uid && uid != current.Object.Metadata.Uid)
            throw ApiErrors.Conflict(Definition.Group, Definition.Resource, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Object.Metadata.Uid}");
        if (preconditions.ResourceVersion is { } rv && rv != current.ModRevision.ToString(CultureInfo.InvariantCulture))
            throw ApiErrors.Conflict(Definition.Group, Definition.Resource, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.ModRevision}");
    }

    private static void AddPropagationFinalizer(List<string> finalizers, DeleteOptions options)
    {
        var policy = options.PropagationPolicy ?? (options.OrphanDependents == true ? "Orphan" : null);
        var wanted = policy switch
        {
            "Orphan" => OrphanFinalizer,
            "Foreground" => ForegroundFinalizer,
            _ => null,
        };
        if (wanted is null) return;
        finalizers.Remove(wanted == OrphanFinalizer ? ForegroundFinalizer : OrphanFinalizer);
        if (!finalizers.Contains(wanted)) finalizers.Add(wanted);
    }

    private static bool SameFinalizers(List<string>? a, List<string> b) => (a ?? []).SequenceEqual(b);
}
