using Orca.Api.Meta;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>
/// What a /status write may not change in metadata (Kubernetes' ResetObjectMetaForStatus): labels,
/// annotations, finalizers and owner references stay as stored; the store keeps the system fields.
/// </summary>
internal static class StatusMeta
{
    public static void KeepFromOld(ObjectMeta meta, ObjectMeta old)
    {
        meta.Labels = old.Labels;
        meta.Annotations = old.Annotations;
        meta.Finalizers = old.Finalizers;
        meta.OwnerReferences = old.OwnerReferences;
    }
}
