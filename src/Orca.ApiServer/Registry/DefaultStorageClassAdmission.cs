using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Storage;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Kubernetes' DefaultStorageClass admission plugin: a new PersistentVolumeClaim that names no class
/// (storageClassName absent, not "") gets the default StorageClass — the one annotated
/// storageclass.kubernetes.io/is-default-class "true" (or the beta key); when several are, the newest,
/// then by name, as Kubernetes picks. No default class: the claim is left as it is. Classes are read from
/// the storageclasses watch cache.
/// </summary>
internal sealed class DefaultStorageClassAdmission(Func<ResourceStore> storageClasses) : IAdmission
{
    public async Task AdmitCreateAsync(ResourceDefinition definition, IKubeObject obj, CancellationToken cancellationToken)
    {
        if (obj is not PersistentVolumeClaim { Spec.StorageClassName: null } claim || definition.Group.Length != 0) return;
        var store = storageClasses();
        await store.WaitFreshAsync(cancellationToken);
        var (items, _) = store.Cache.Snapshot();
        var chosen = items.Values.Select(c => (StorageClass)c.Object)
            .Where(c => c.Metadata.Annotations?.GetValueOrDefault(StorageNames.DefaultClass) == "true"
                        || c.Metadata.Annotations?.GetValueOrDefault(StorageNames.BetaDefaultClass) == "true")
            .OrderByDescending(c => c.Metadata.CreationTimestamp).ThenBy(c => c.Metadata.Name, StringComparer.Ordinal).FirstOrDefault();
        if (chosen is not null) claim.Spec.StorageClassName = chosen.Metadata.Name;
    }
}
