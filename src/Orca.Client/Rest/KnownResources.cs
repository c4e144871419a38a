using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Batch;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Api.Scheduling;
using Orca.Api.Storage;

namespace Orca.Client;

/// <summary>
/// The registry of typed resources the client can reach: CLR type → <see cref="ResourceInfo"/> and
/// how to read its list type. Filled once at type initialisation; thread-safe to read.
/// Add a resource here when its types are added to Orca.Api.
/// </summary>
public static class KnownResources
{
    private static readonly Dictionary<Type, Entry> Entries = new();

    static KnownResources()
    {
        Add<Pod, PodList>("", "v1", "pods", true, l => l.Items, l => l.Metadata);
        Add<Node, NodeList>("", "v1", "nodes", false, l => l.Items, l => l.Metadata);
        Add<Namespace, NamespaceList>("", "v1", "namespaces", false, l => l.Items, l => l.Metadata);
        Add<Event, EventList>("", "v1", "events", true, l => l.Items, l => l.Metadata);
        Add<ConfigMap, ConfigMapList>("", "v1", "configmaps", true, l => l.Items, l => l.Metadata);
        Add<Secret, SecretList>("", "v1", "secrets", true, l => l.Items, l => l.Metadata);
        Add<ServiceAccount, ServiceAccountList>("", "v1", "serviceaccounts", true, l => l.Items, l => l.Metadata);
        Add<Service, ServiceList>("", "v1", "services", true, l => l.Items, l => l.Metadata);
        Add<Endpoints, EndpointsList>("", "v1", "endpoints", true, l => l.Items, l => l.Metadata);
        Add<ReplicationController, ReplicationControllerList>("", "v1", "replicationcontrollers", true, l => l.Items, l => l.Metadata);
        Add<PersistentVolume, PersistentVolumeList>("", "v1", "persistentvolumes", false, l => l.Items, l => l.Metadata);
        Add<PersistentVolumeClaim, PersistentVolumeClaimList>("", "v1", "persistentvolumeclaims", true, l => l.Items, l => l.Metadata);
        Add<Deployment, DeploymentList>("apps", "v1", "deployments", true, l => l.Items, l => l.Metadata);
        Add<ReplicaSet, ReplicaSetList>("apps", "v1", "replicasets", true, l => l.Items, l => l.Metadata);
        Add<StatefulSet, StatefulSetList>("apps", "v1", "statefulsets", true, l => l.Items, l => l.Metadata);
        Add<DaemonSet, DaemonSetList>("apps", "v1", "daemonsets", true, l => l.Items, l => l.Metadata);
        Add<ControllerRevision, ControllerRevisionList>("apps", "v1", "controllerrevisions", true, l => l.Items, l => l.Metadata);
        Add<Job, JobList>("batch", "v1", "jobs", true, l => l.Items, l => l.Metadata);
        Add<CronJob, CronJobList>("batch", "v1", "cronjobs", true, l => l.Items, l => l.Metadata);
        Add<PodDisruptionBudget, PodDisruptionBudgetList>("policy", "v1", "poddisruptionbudgets", true, l => l.Items, l => l.Metadata);
        Add<PriorityClass, PriorityClassList>("scheduling.k8s.io", "v1", "priorityclasses", false, l => l.Items, l => l.Metadata);
        Add<StorageClass, StorageClassList>("storage.k8s.io", "v1", "storageclasses", false, l => l.Items, l => l.Metadata);
        Add<Lease, LeaseList>("coordination.k8s.io", "v1", "leases", true, l => l.Items, l => l.Metadata);
        Add<EventV1, EventV1List>("events.k8s.io", "v1", "events", true, l => l.Items, l => l.Metadata, kind: "Event");
    }

    /// <summary>The resource of <typeparamref name="T"/>; throws for a type that is not registered (a bug).</summary>
    public static ResourceInfo Of<T>() where T : class, IKubeObject => Get(typeof(T)).Info;

    /// <summary>The resource of an object's CLR type, or null when the type is not registered.</summary>
    public static ResourceInfo? Find(Type type) => Entries.TryGetValue(type, out var e) ? e.Info : null;

    internal static (List<T> Items, ListMeta Metadata) ReadList<T>(ReadOnlySpan<byte> json) where T : class, IKubeObject =>
        ((Entry<T>)Get(typeof(T))).ReadList(json);

    private static Entry Get(Type type) =>
        Entries.TryGetValue(type, out var e) ? e : throw new InvalidOperationException($"{type.Name} is not a known resource of Orca.Client.");

    private static void Add<T, TList>(string group, string version, string plural, bool namespaced,
        Func<TList, List<T>> items, Func<TList, ListMeta> meta, string? kind = null)
        where T : class, IKubeObject where TList : class
    {
        var info = new ResourceInfo(group, version, plural, namespaced, kind ?? typeof(T).Name);
        Entries[typeof(T)] = new Entry<T>(info, json =>
        {
            var list = ApiJson.Deserialize<TList>(json) ?? throw new InvalidDataException("empty list body");
            return (items(list), meta(list));
        });
    }

    private abstract record Entry(ResourceInfo Info);

    private delegate (List<T>, ListMeta) ListReader<T>(ReadOnlySpan<byte> json);

    private sealed record Entry<T>(ResourceInfo Info, ListReader<T> ReadList) : Entry(Info);
}
