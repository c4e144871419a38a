using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Policy;
using Orca.Api.Scheduling;
using Orca.Api.Selectors;
using Orca.Api.Storage;
using Orca.ApiServer.Handlers;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Resources.Batch;
using Orca.ApiServer.Resources.Policy;
using Orca.ApiServer.Resources.Scheduling;
using Orca.ApiServer.Resources.Volumes;
using Orca.ApiServer.Resources.Workloads;
using TablePrinters = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Resources;

/// <summary>
/// The workload and storage resources: core/v1 replicationcontrollers, persistentvolumes and
/// persistentvolumeclaims; apps/v1; batch/v1; policy/v1 poddisruptionbudgets;
/// scheduling.k8s.io/v1 priorityclasses; storage.k8s.io/v1 storageclasses. Names, short names,
/// categories and subresources as Kubernetes 1.32 lists them in discovery (so `kubectl get all`
/// includes the workloads); registration order is the group order of discovery.
/// </summary>
internal static class WorkloadResources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];
    private static readonly string[] All = ["all"];

    public static IEnumerable<ResourceDefinition> Definitions()
    {
        yield return Define<ReplicationController, ReplicationControllerList>("", "replicationcontrollers", "replicationcontroller", true,
            ReplicationControllerStrategy.Instance, TablePrinters.ReplicationController, ["rc"], All, ScaleAndStatus("", "ReplicationController"));
        yield return Define<PersistentVolume, PersistentVolumeList>("", "persistentvolumes", "persistentvolume", false,
            PersistentVolumeStrategy.Instance, TablePrinters.PersistentVolume, ["pv"], subresources: [Status("", "PersistentVolume")]);
        yield return Define<PersistentVolumeClaim, PersistentVolumeClaimList>("", "persistentvolumeclaims", "persistentvolumeclaim", true,
            PersistentVolumeClaimStrategy.Instance, TablePrinters.PersistentVolumeClaim, ["pvc"], subresources: [Status("", "PersistentVolumeClaim")]);
        yield return Define<ControllerRevision, ControllerRevisionList>("apps", "controllerrevisions", "controllerrevision", true,
            ControllerRevisionStrategy.Instance, TablePrinters.ControllerRevision);
        yield return Define<DaemonSet, DaemonSetList>("apps", "daemonsets", "daemonset", true,
            DaemonSetStrategy.Instance, TablePrinters.DaemonSet, ["ds"], All, [Status("apps", "DaemonSet")]);
        yield return Define<Deployment, DeploymentList>("apps", "deployments", "deployment", true,
            DeploymentResourceStrategy.Instance, TablePrinters.Deployment, ["deploy"], All, ScaleAndStatus("apps", "Deployment"));
        yield return Define<ReplicaSet, ReplicaSetList>("apps", "replicasets", "replicaset", true,
            ReplicaSetStrategy.Instance, TablePrinters.ReplicaSet, ["rs"], All, ScaleAndStatus("apps", "ReplicaSet"));
        yield return Define<StatefulSet, StatefulSetList>("apps", "statefulsets", "statefulset", true,
            StatefulSetStrategy.Instance, TablePrinters.StatefulSet, ["sts"], All, ScaleAndStatus("apps", "StatefulSet"));
        yield return Define<CronJob, CronJobList>("batch", "cronjobs", "cronjob", true,
            CronJobStrategy.Instance, TablePrinters.CronJob, ["cj"], All, [Status("batch", "CronJob")]);
        yield return Define<Job, JobList>("batch", "jobs", "job", true,
            JobStrategy.Instance, TablePrinters.Job, [], All, [Status("batch", "Job")]);
        yield return Define<PodDisruptionBudget, PodDisruptionBudgetList>("policy", "poddisruptionbudgets", "poddisruptionbudget", true,
            PodDisruptionBudgetStrategy.Instance, TablePrinters.PodDisruptionBudget, ["pdb"], subresources: [Status("policy", "PodDisruptionBudget")]);
        yield return Define<PriorityClass, PriorityClassList>("scheduling.k8s.io", "priorityclasses", "priorityclass", false,
            PriorityClassStrategy.Instance, TablePrinters.PriorityClass, ["pc"]);
        yield return Define<StorageClass, StorageClassList>("storage.k8s.io", "storageclasses", "storageclass", false,
            StorageClassStrategy.Instance, TablePrinters.StorageClass, ["sc"]);
    }

    public static void AddSubresources(SubresourceHandlers handlers)
    {
        handlers.Add("", "replicationcontrollers", "status", new StatusSubresource(ReplicationControllerStrategy.Status));
        handlers.Add("", "replicationcontrollers", "scale", Scale<ReplicationController>(
            rc => rc.Spec.Replicas, (rc, n) => rc.Spec.Replicas = n, rc => rc.Status.Replicas, rc => LabelSelectorExpr.FromSet(rc.Spec.Selector).ToString()));
        handlers.Add("", "persistentvolumes", "status", new StatusSubresource(PersistentVolumeStrategy.Status));
        handlers.Add("", "persistentvolumeclaims", "status", new StatusSubresource(PersistentVolumeClaimStrategy.Status));
        handlers.Add("apps", "daemonsets", "status", new StatusSubresource(DaemonSetStrategy.Status));
        handlers.Add("apps", "deployments", "status", new StatusSubresource(DeploymentResourceStrategy.Status));
        handlers.Add("apps", "deployments", "scale", Scale<Deployment>(
            d => d.Spec.Replicas, (d, n) => d.Spec.Replicas = n, d => d.Status.Replicas ?? 0, d => ScaleTarget.SelectorText(d.Spec.Selector)));
        handlers.Add("apps", "replicasets", "status", new StatusSubresource(ReplicaSetStrategy.Status));
        handlers.Add("apps", "replicasets", "scale", Scale<ReplicaSet>(
            rs => rs.Spec.Replicas, (rs, n) => rs.Spec.Replicas = n, rs => rs.Status.Replicas, rs => ScaleTarget.SelectorText(rs.Spec.Selector)));
        handlers.Add("apps", "statefulsets", "status", new StatusSubresource(StatefulSetStrategy.Status));
        handlers.Add("apps", "statefulsets", "scale", Scale<StatefulSet>(
            ss => ss.Spec.Replicas, (ss, n) => ss.Spec.Replicas = n, ss => ss.Status.Replicas, ss => ScaleTarget.SelectorText(ss.Spec.Selector)));
        handlers.Add("batch", "cronjobs", "status", new StatusSubresource(CronJobStrategy.Status));
        handlers.Add("batch", "jobs", "status", new StatusSubresource(JobStrategy.Status));
        handlers.Add("policy", "poddisruptionbudgets", "status", new StatusSubresource(PodDisruptionBudgetStrategy.Status));
    }

    /// <summary>The /scale handler of a kind whose desired replicas default to 0 when unset.</summary>
    private static ScaleSubresource Scale<T>(Func<T, int?> specReplicas, Action<T, int> setSpecReplicas, Func<T, int> statusReplicas,
        Func<T, string> selector) where T : IKubeObject =>
        new(new ScaleTarget(o => specReplicas((T)o) ?? 0, (o, n) => setSpecReplicas((T)o, n), o => statusReplicas((T)o), o => selector((T)o)));

    private static SubresourceDefinition Status(string group, string kind) => new("status", group, "v1", kind, GetPatchUpdate);

    private static SubresourceDefinition[] ScaleAndStatus(string group, string kind) =>
        [new("scale", "autoscaling", "v1", "Scale", GetPatchUpdate), Status(group, kind)];

    private static ResourceDefinition Define<T, TList>(string group, string resource, string singular, bool namespaced, IResourceStrategy strategy,
        ITableConvertor table, string[]? shortNames = null, string[]? categories = null, IReadOnlyList<SubresourceDefinition>? subresources = null)
        where T : IKubeObject => new()
    {
        Group = group, Version = "v1", Resource = resource, Singular = singular, Kind = typeof(T).Name,
        Namespaced = namespaced, ObjectType = typeof(T), ListType = typeof(TList), Strategy = strategy, Table = table,
        ShortNames = shortNames ?? [], Categories = categories ?? [], Subresources = subresources ?? [],
    };
}
