using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.ApiServer.Handlers;
using Orca.ApiServer.Registry;
using TablePrinters = Orca.ApiServer.Printers.Printers;

namespace Orca.ApiServer.Resources;

/// <summary>
/// The resources of core/v1, coordination.k8s.io/v1 and events.k8s.io/v1: their definitions (names,
/// scope, short names, categories, subresources as discovery shows them), strategies, printers
/// and subresource handlers. Registration order is the group order of discovery.
/// </summary>
internal static class CoreResources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];

    public static IEnumerable<ResourceDefinition> Definitions()
    {
        yield return Core<Namespace, NamespaceList>("namespaces", "namespace", false, NamespaceStrategy.Instance, TablePrinters.Namespace, ["ns"],
            subresources: [new("finalize", "", "v1", "Namespace", ["update"]), new("status", "", "v1", "Namespace", GetPatchUpdate)]);
        yield return Core<Pod, PodList>("pods", "pod", true, PodStrategy.Instance, TablePrinters.Pod, ["po"], ["all"],
        [
            new("attach", "", "v1", "PodAttachOptions", ["create", "get"]),
            new("binding", "", "v1", "Binding", ["create"]),
            new("eviction", "policy", "v1", "Eviction", ["create"]),
            new("exec", "", "v1", "PodExecOptions", ["create", "get"]),
            new("log", "", "v1", "Pod", ["get"]),
            new("portforward", "", "v1", "PodPortForwardOptions", ["create", "get"]),
            new("status", "", "v1", "Pod", GetPatchUpdate),
        ]);
        yield return Core<Node, NodeList>("nodes", "node", false, NodeStrategy.Instance, TablePrinters.Node, ["no"],
            subresources: [new("status", "", "v1", "Node", GetPatchUpdate)]);
        yield return Core<Event, EventList>("events", "event", true, EventStrategy.Instance, TablePrinters.Event, ["ev"]);
        yield return Core<ConfigMap, ConfigMapList>("configmaps", "configmap", true, ConfigMapStrategy.Instance, TablePrinters.ConfigMap, ["cm"]);
        yield return Core<Secret, SecretList>("secrets", "secret", true, SecretStrategy.Instance, TablePrinters.Secret);
        yield return Core<ServiceAccount, ServiceAccountList>("serviceaccounts", "serviceaccount", true, PlainStrategy<ServiceAccount>.Instance, TablePrinters.ServiceAccount, ["sa"]);
        yield return Core<Service, ServiceList>("services", "service", true, ServiceStrategy.Instance, TablePrinters.Service, ["svc"], ["all"],
            [new("status", "", "v1", "Service", GetPatchUpdate)]);
        yield return Core<Endpoints, EndpointsList>("endpoints", "endpoints", true, PlainStrategy<Endpoints>.Instance, TablePrinters.Endpoints, ["ep"]);
        yield return new ResourceDefinition
        {
            Group = "coordination.k8s.io", Version = "v1", Resource = "leases", Singular = "lease", Kind = "Lease",
            Namespaced = true, ObjectType = typeof(Lease), ListType = typeof(LeaseList), Strategy = LeaseStrategy.Instance, Table = TablePrinters.Lease,
        };
        yield return new ResourceDefinition
        {
            Group = "events.k8s.io", Version = "v1", Resource = "events", Singular = "event", Kind = "Event",
            Namespaced = true, ObjectType = typeof(EventV1), ListType = typeof(EventV1List), Strategy = EventV1Strategy.Instance,
            ShortNames = ["ev"], StorageResource = "events", Storage = EventConversion.Instance, Table = TablePrinters.EventV1,
        };
    }

    public static void AddSubresources(SubresourceHandlers handlers, TimeProvider time, Func<ResourceStore> nodes, Func<ResourceStore> budgets, Proxy.NodeConnection agents)
    {
        handlers.Add("", "pods", "status", new StatusSubresource(PodStrategy.Status));
        handlers.Add("", "pods", "binding", new PodBindingSubresource(time));
        handlers.Add("", "pods", "eviction", new PodEvictionSubresource(time, budgets));
        foreach (var s in new[] { "log", "exec", "attach", "portforward" }) handlers.Add("", "pods", s, new Proxy.PodStreamingProxy(s, nodes, agents));
        handlers.Add("", "nodes", "status", new StatusSubresource(NodeStrategy.Status));
        handlers.Add("", "namespaces", "status", new StatusSubresource(NamespaceStrategy.Status));
        handlers.Add("", "namespaces", "finalize", new StatusSubresource(NamespaceStrategy.Finalize));
        handlers.Add("", "services", "status", new StatusSubresource(PlainStrategy<Service>.Instance));
    }

    private static ResourceDefinition Core<T, TList>(string resource, string singular, bool namespaced, IResourceStrategy strategy,
        ITableConvertor table, string[]? shortNames = null, string[]? categories = null, IReadOnlyList<SubresourceDefinition>? subresources = null) => new()
    {
        Group = "", Version = "v1", Resource = resource, Singular = singular, Kind = typeof(T).Name,
        Namespaced = namespaced, ObjectType = typeof(T), ListType = typeof(TList), Strategy = strategy, Table = table,
        ShortNames = shortNames ?? [], Categories = categories ?? [], Subresources = subresources ?? [],
    };
}
