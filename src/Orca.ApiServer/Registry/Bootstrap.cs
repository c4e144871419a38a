using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Storage;
using Orca.ApiServer.Http;

namespace Orca.ApiServer.Registry;

/// <summary>
/// What exists from the first start: the namespaces default, kube-system, kube-public and
/// kube-node-lease, a `default` ServiceAccount in every namespace, and the system-cluster-critical
/// and system-node-critical PriorityClasses, and the default StorageClass `local-path`. Idempotent.
/// </summary>
internal static class Bootstrap
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task EnsureAsync(ApiCatalog catalog, int apiPort, string caPem, CancellationToken cancellationToken)
    {
        var namespaces = catalog.Get("", "v1", "namespaces");
        foreach (var name in SystemNamespaces)
        {
            if (await namespaces.TryGetAsync("", name, cancellationToken) is not null) continue;
            await IgnoreExistsAsync(namespaces.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = name } }, "", new WriteOptions(), cancellationToken));
        }
        await EnsureKubernetesServiceAsync(catalog, apiPort, cancellationToken);
        await EnsureSystemPriorityClassesAsync(catalog, cancellationToken);
        await EnsureLocalPathClassAsync(catalog, cancellationToken);
        var (items, _) = namespaces.Cache.Snapshot();
        foreach (var ns in items.Values.Where(n => n.Object.Metadata.DeletionTimestamp is null))
            await EnsureNamespaceDefaultsAsync(catalog, ns.Object.Metadata.Name!, caPem, cancellationToken);
    }

    /// <summary>The `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap (the cluster CA, key ca.crt) every namespace has.</summary>
    public static async Task EnsureNamespaceDefaultsAsync(ApiCatalog catalog, string ns, string caPem, CancellationToken cancellationToken)
    {
        await EnsureDefaultServiceAccountAsync(catalog, ns, cancellationToken);
        var configMaps = catalog.Get("", "v1", "configmaps");
        if (await configMaps.TryGetAsync(ns, RootCaConfigMap, cancellationToken) is not null) return;
        await IgnoreExistsAsync(configMaps.CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = RootCaConfigMap, Namespace = ns },
            Data = new() { ["ca.crt"] = caPem },
        }, ns, new WriteOptions(), cancellationToken));
    }

    public const string RootCaConfigMap = "kube-root-ca.crt";

    private static async Task EnsureDefaultServiceAccountAsync(ApiCatalog catalog, string ns, CancellationToken cancellationToken)
    {
        var accounts = catalog.Get("", "v1", "serviceaccounts");
        if (await accounts.TryGetAsync(ns, "default", cancellationToken) is not null) return;
        await IgnoreExistsAsync(accounts.CreateAsync(new ServiceAccount { Metadata = new ObjectMeta { Name = "default", Namespace = ns } }, ns,
            new WriteOptions(), cancellationToken));
    }

    /// <summary>The `kubernetes` Service in `default` (10.96.0.1:443), as every cluster has.</summary>
    private static async Task EnsureKubernetesServiceAsync(ApiCatalog catalog, int apiPort, CancellationToken cancellationToken)
    {
        var services = catalog.Get("", "v1", "services");
        if (await services.TryGetAsync("default", "kubernetes", cancellationToken) is not null) return;
        var service = new Service
        {
            Metadata = new ObjectMeta
            {
                Name = "kubernetes",
                Namespace = "default",
                Labels = new() { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            Spec = new ServiceSpec
            {
                ClusterIP = ServiceAllocator.FirstClusterIp,
                Ports = [new ServicePort { Name = "https", Port = 443, Protocol = "TCP", TargetPort = Orca.Api.IntOrString.FromInt(apiPort == 0 ? 6443 : apiPort) }],
            },
        };
        await IgnoreExistsAsync(services.CreateAsync(service, "default", new WriteOptions(), cancellationToken));
    }

    private static async Task EnsureSystemPriorityClassesAsync(ApiCatalog catalog, CancellationToken cancellationToken)
    {
        var classes = catalog.Get("scheduling.k8s.io", "v1", "priorityclasses");
        foreach (var system in Resources.Scheduling.PriorityClassStrategy.SystemClasses)
        {
            if (await classes.TryGetAsync("", system.Metadata.Name!, cancellationToken) is not null) continue;
            await IgnoreExistsAsync(classes.CreateAsync(Orca.Api.Json.ApiJson.Clone(system), "", new WriteOptions(), cancellationToken));
        }
    }

    /// <summary>
    /// StorageClass `local-path` (provisioner orca.dev/local-path, WaitForFirstConsumer, reclaim Delete), marked
    /// default. Created only when missing: a user's edits or deletion of the annotation stay.
    /// </summary>
    private static async Task EnsureLocalPathClassAsync(ApiCatalog catalog, CancellationToken cancellationToken)
    {
        var classes = catalog.Get("storage.k8s.io", "v1", "storageclasses");
        if (await classes.TryGetAsync("", StorageNames.LocalPathClass, cancellationToken) is not null) return;
        await IgnoreExistsAsync(classes.CreateAsync(new StorageClass
        {
            Metadata = new ObjectMeta
            {
                Name = StorageNames.LocalPathClass,
                Annotations = new() { [StorageNames.DefaultClass] = "true" },
            },
            Provisioner = StorageNames.LocalPathProvisioner,
            ReclaimPolicy = "Delete",
            VolumeBindingMode = "WaitForFirstConsumer",
        }, "", new WriteOptions(), cancellationToken));
    }

    private static async Task IgnoreExistsAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (StatusException e) when (e.Code is 409 or 403 or 404)
        {
            // Exists already, or the namespace is going away: nothing to create.
        }
    }
}
