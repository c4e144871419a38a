using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Printers;

/// <summary>The table convertor of each built-in resource; each is a stateless, thread-safe singleton.</summary>
internal static class Printers
{
    public static ITableConvertor Pod { get; } = new PodPrinter();
    public static ITableConvertor Node { get; } = new NodePrinter();
    public static ITableConvertor Namespace { get; } = new NamespacePrinter();
    public static ITableConvertor Event { get; } = new EventPrinter();
    public static ITableConvertor EventV1 { get; } = new EventV1Printer();
    public static ITableConvertor ConfigMap { get; } = new ConfigMapPrinter();
    public static ITableConvertor Secret { get; } = new SecretPrinter();
    public static ITableConvertor ServiceAccount { get; } = new ServiceAccountPrinter();
    public static ITableConvertor Service { get; } = new ServicePrinter();
    public static ITableConvertor Endpoints { get; } = new EndpointsPrinter();
    public static ITableConvertor Lease { get; } = new LeasePrinter();
    public static ITableConvertor Deployment { get; } = new DeploymentPrinter();
    public static ITableConvertor ReplicaSet { get; } = new ReplicaSetPrinter();
    public static ITableConvertor StatefulSet { get; } = new StatefulSetPrinter();
    public static ITableConvertor DaemonSet { get; } = new DaemonSetPrinter();
    public static ITableConvertor ControllerRevision { get; } = new ControllerRevisionPrinter();
    public static ITableConvertor ReplicationController { get; } = new ReplicationControllerPrinter();
    public static ITableConvertor Job { get; } = new JobPrinter();
    public static ITableConvertor CronJob { get; } = new CronJobPrinter();
    public static ITableConvertor PodDisruptionBudget { get; } = new PodDisruptionBudgetPrinter();
    public static ITableConvertor PriorityClass { get; } = new PriorityClassPrinter();
    public static ITableConvertor PersistentVolume { get; } = new PersistentVolumePrinter();
    public static ITableConvertor PersistentVolumeClaim { get; } = new PersistentVolumeClaimPrinter();
    public static ITableConvertor StorageClass { get; } = new StorageClassPrinter();
}
