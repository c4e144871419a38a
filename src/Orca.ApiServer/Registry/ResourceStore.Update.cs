using System.Globalization;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.ApiServer.Http;
using Orca.ApiServer.Watch;
using Orca.Storage;

namespace Orca.ApiServer.Registry;

internal sealed partial class ResourceStore
{
    /// <summary>
    /// Read-modify-write of one object (Kubernetes' GuaranteedUpdate). <paramref name="transform"/>
    /// gets a private copy of the current object (null when missing: then the result is created if
    /// <paramref name="allowCreate"/>) and returns the desired object. When the desired object
    /// carries a resourceVersion it must equal the current one (409 otherwise); without one the
    /// update is unconditional and retried on a concurrent change. A write that changes nothing is
    /// not stored. An object being deleted whose last finalizer goes is removed.
    /// </summary>
    public async Task<(CachedObject Result, bool Created)> UpdateAsync(string ns, string name, Func<IKubeObject?, IKubeObject> transform,
        IResourceStrategy strategy, WriteOptions options, bool allowCreate, CancellationToken cancellationToken)
    {
        var key = Definition.Key(ns, name);
        for (var attempt = 0; ; attempt++)
        {
            await WaitFreshAsync(cancellationToken);
            var current = Cache.Get(key);
            if (current is null)
            {
                if (!allowCreate) throw NotFound(name);
                var fresh = transform(null);
                fresh.Metadata ??= new ObjectMeta();
                if (string.IsNullOrEmpty(fresh.Metadata.Name)) fresh.Metadata.Name = name;
                CheckName(fresh, name);
                if (!string.IsNullOrEmpty(fresh.Metadata.ResourceVersion)) throw NotFound(name);
                try
                {
                    return (await CreateAsync(fresh, ns, options, cancellationToken), true);
                }
                catch (StatusException e) when (e.Status.Reason == StatusReasons.AlreadyExists && attempt < MaxUpdateRetries)
                {
                    continue;
                }
            }
            var old = Copy(current);
            var desired = transform(Copy(current));
            desired.Metadata ??= new ObjectMeta();
            CheckName(desired, name);
            CheckNamespace(desired, ns);
            var requestedVersion = desired.Metadata.ResourceVersion;
            var currentVersion = current.ModRevision.ToString(CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != currentVersion)
                throw ApiErrors.Conflict(Definition.Group, Definition.Resource, name, ApiErrors.StaleObjectMessage);
            if (!string.IsNullOrEmpty(desired.Metadata.Uid) && desired.Metadata.Uid != old.Metadata.Uid)
                throw ApiErrors.Conflict(Definition.Group, Definition.Resource, name,
                    $"Precondition failed: UID in precondition: {desired.Metadata.Uid}, UID in object meta: {old.Metadata.Uid}");

            CarrySystemFields(desired.Metadata, old.Metadata);
            strategy.PrepareForUpdate(desired, old);
            strategy.Default(desired);
            var causes = MetaValidation.ValidateUpdate(desired.Metadata, old.Metadata, Definition.Namespaced)
                .Concat(strategy.ValidateUpdate(desired, old)).ToList();
            if (causes.Count > 0) throw ApiErrors.Invalid(Definition.Group, Definition.Kind, name, causes);
            await _admission.AdmitUpdateAsync(Definition, desired, old, cancellationToken);
            if (strategy.SpecChanged(desired, old)) desired.Metadata.Generation = (old.Metadata.Generation ?? 0) + 1;

            var bytes = Encode(desired);
            if (bytes.AsSpan().SequenceEqual(Encode(old))) return (current, false);
            if (options.DryRun) return (Decode(new KeyValue(key, bytes, 0, current.ModRevision), current.ModRevision), false);
            try
            {
                if (desired.Metadata.DeletionTimestamp is not null && (desired.Metadata.Finalizers?.Count ?? 0) == 0
                    && (desired.Metadata.DeletionGracePeriodSeconds ?? 0) == 0 && Definition.Strategy.ReadyToRemove(desired))
                {
                    var gone = Wrote(await _kv.DeleteAsync(key, current.ModRevision, cancellationToken));
                    return (Decode(gone with { Value = bytes }, gone.ModRevision), false);
                }
                return (Written(Wrote(await _kv.UpdateAsync(key, bytes, current.ModRevision, cancellationToken))), false);
            }
            catch (StoreException e) when (e is RevisionConflictException or KeyNotFoundStoreException)
            {
                if (!string.IsNullOrEmpty(requestedVersion))
                    throw ApiErrors.Conflict(Definition.Group, Definition.Resource, name, ApiErrors.StaleObjectMessage);
                if (attempt >= MaxUpdateRetries) throw ApiErrors.Conflict(Definition.Group, Definition.Resource, name, "too many concurrent updates");
                await Cache.WaitForRevisionAsync((e as RevisionConflictException)?.Current.ModRevision ?? LastWrite, cancellationToken);
            }
        }
    }

    /// <summary>A private, mutable copy of a cached object.</summary>
    public IKubeObject Copy(CachedObject cached) =>
        (IKubeObject)System.Text.Json.JsonSerializer.Deserialize(cached.Json, ApiJson.Info(Definition.ObjectType))!;

    private void CheckName(IKubeObject obj, string name)
    {
        if (obj.Metadata.Name != name)
            throw ApiErrors.BadRequest($"the name of the object ({obj.Metadata.Name}) does not match the name on the URL ({name})");
    }

    /// <summary>Fields only the server sets: a client's values are replaced by the stored ones.</summary>
    private static void CarrySystemFields(ObjectMeta meta, ObjectMeta old)
    {
        meta.Uid = old.Uid;
        meta.CreationTimestamp = old.CreationTimestamp;
        meta.DeletionTimestamp = old.DeletionTimestamp;
        meta.DeletionGracePeriodSeconds = old.DeletionGracePeriodSeconds;
        meta.Generation = old.Generation;
        meta.SelfLink = null;
        meta.ResourceVersion = null;
        // An update that does not mention managedFields keeps them (an empty list clears them).
        meta.ManagedFields ??= old.ManagedFields;
        if (meta.ManagedFields is { Count: 0 }) meta.ManagedFields = null;
        if (meta.Labels is { Count: 0 }) meta.Labels = null;
        if (meta.Annotations is { Count: 0 }) meta.Annotations = null;
        if (meta.Finalizers is { Count: 0 }) meta.Finalizers = null;
    }
}
