using Orca.Api.Apps;
using Orca.Api.Batch;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Policy;
using Orca.Api.Scheduling;
using Orca.Api.Storage;

namespace Orca.Controllers.GarbageCollector;

/// <summary>
/// The resources the collector tracks: every resource the server serves that can own or be owned, except
/// events (which Kubernetes' collector ignores too) and namespaces (emptied by the namespace finalizer).
/// One shared informer per type holds the whole objects; the collector only reads their metadata.
/// </summary>
internal static class GcResources
{
    public static IReadOnlyList<IGcResource> Register(ControllerContext c) =>
    [
        GcResource<Pod>.Register(c),
        GcResource<Node>.Register(c),
        GcResource<ConfigMap>.Register(c),
        GcResource<Secret>.Register(c),
        GcResource<ServiceAccount>.Register(c),
        GcResource<Service>.Register(c),
        GcResource<Endpoints>.Register(c),
        GcResource<ReplicationController>.Register(c),
        GcResource<PersistentVolume>.Register(c),
        GcResource<PersistentVolumeClaim>.Register(c),
        GcResource<Deployment>.Register(c),
        GcResource<ReplicaSet>.Register(c),
        GcResource<StatefulSet>.Register(c),
        GcResource<DaemonSet>.Register(c),
        GcResource<ControllerRevision>.Register(c),
        GcResource<Job>.Register(c),
        GcResource<CronJob>.Register(c),
        GcResource<PodDisruptionBudget>.Register(c),
        GcResource<PriorityClass>.Register(c),
        GcResource<StorageClass>.Register(c),
        GcResource<Lease>.Register(c),
    ];
}
