using Orca.Api.Core;
using Orca.Controllers.Deployments;
using Orca.Controllers.ReplicaSets;

namespace Orca.Controllers;

/// <summary>Every controller the manager knows, in the order they start. Registered explicitly, one line each.</summary>
internal static class ControllerRegistry
{
    public static IReadOnlyList<ControllerDescriptor> All { get; } =
    [
        ReplicaSetController<Orca.Api.Apps.ReplicaSet>.Descriptor(ReplicaKinds.ReplicaSets),
        ReplicaSetController<ReplicationController>.Descriptor(ReplicaKinds.ReplicationControllers),
        DeploymentController.Descriptor,
        GarbageCollector.GarbageCollector.Descriptor,
        NodeLifecycle.NodeLifecycleController.Descriptor,
        NodeLifecycle.TaintEvictionController.Descriptor,
        Disruption.DisruptionController.Descriptor,
        Jobs.JobController.Descriptor,
        CronJobs.CronJobController.Descriptor,
        TtlAfterFinished.TtlAfterFinishedController.Descriptor,
        DaemonSets.DaemonSetController.Descriptor,
        StatefulSets.StatefulSetController.Descriptor,
        Storage.VolumeBinder.Descriptor,
        Storage.LocalPathProvisioner.Descriptor,
    ];
}
