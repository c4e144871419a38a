using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.ApiServer.Handlers;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Resources;

/// <summary>
/// The resources of core/v1, coordination.k8s.io/v1 and events.k8s.io/v1: their definitions (names,
/// scope, short names, categories, subresources as discovery shows them), strategies, printers
/// and subresource handlers. Registration order is discovery order.
/// </summary>
internal static class CoreResources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];

    public static IEnumerable<ResourceDefinition> Definitions()
    {
        yield return Core<Namespace, NamespaceList>("namespaces", "namespace", false, NamespaceStrategy.Instance, ["ns"],
            subresources: [new("finalize", "", "v1", "Namespace", ["update"]), new("status", "", "v1", "Namespace", GetPatchUpdate)]);
        yield return Core<Pod, PodList>("pods", "pod", true, PodStrategy.Instance, ["po"], ["all"],
        [
            new("attach", "", "v1", "PodAttachOptions", ["create", "get"]),
            new("binding", "", "v1", "Binding", ["create"]),
            new("eviction", "policy", "v1", "Eviction", ["create"]),
            new("exec", "", "v1", "PodExecOptions", ["create", "get"]),
            new("log", "", "v1", "Pod", ["get"]),
            new("portforward", "", "v1", "PodPortForwardOptions", ["create", "get"]),
            new("status", "", "v1", "Pod", GetPatchUpdate),
        ]);
        yield return Core<Node, NodeList>("nodes", "node", false, NodeStrategy.Instance, ["no"],
            subresources: [new("status", "", "v1", "Node", GetPatchUpdate)]);
        yield return Core<Event, EventList>("events", "event", true, EventStrategy.Instance, ["ev"]);
        yield return Core<ConfigMap, ConfigMapList>("configmaps", "configmap", true, ConfigMapStrategy.Instance, ["cm"]);
        yield return Core<Secret, SecretList>("secrets", "secret", true, SecretStrategy.Instance);
        yield return Core<ServiceAccount, ServiceAccountList>("serviceaccounts", "serviceaccount", true, PlainStrategy<ServiceAccount>.Instance, ["sa"]);
        yield return Core<Service, ServiceList>("services", "service", true, ServiceStrategy.Instance, ["svc"], ["all"],
            [new("status", "", "v1", "Service", GetPatchUpdate)]);
        yield return Core<Endpoints, EndpointsList>("endpoints", "endpoints", true, PlainStrategy<Endpoints>.Instance, ["ep"]);
        yield return new ResourceDefinition
        {
            Group = "coordination.k8s.io", Version = "v1", Resource = "leases", Singular = "lease", Kind = "Lease",
            Namespaced = true, ObjectType = typeof(Lease), ListType = typeof(LeaseList), Strategy = LeaseStrategy.Instance,
        };
        yield return new ResourceDefinition
        {
            Group = "events.k8s.io", Version = "v1", Resource = "events", Singular = "event", Kind = "Event",
            Namespaced = true, ObjectType = typeof(EventV1), ListType = typeof(EventV1List), Strategy = EventV1Strategy.Instance,
            ShortNames = ["ev"], StorageResource = "events.k8s.io_events",
        };
    }

    public static void AddSubresources(SubresourceHandlers handlers, TimeProvider time)
    {
        handlers.Add("", "pods", "status", new StatusSubresource(PodStrategy.Status));
        handlers.Add("", "pods", "binding", new PodBindingSubresource(time));
        handlers.Add("", "pods", "eviction", new PodEvictionSubresource());
        foreach (var s in new[] { "log", "exec", "attach", "portforward" }) handlers.Add("", "pods", s, new NodeStreamingSubresource(s));
        handlers.Add("", "nodes", "status", new StatusSubresource(NodeStrategy.Status));
        handlers.Add("", "namespaces", "status", new StatusSubresource(NamespaceStrategy.Status));
        handlers.Add("", "namespaces", "finalize", new StatusSubresource(NamespaceStrategy.Finalize));
        handlers.Add("", "services", "status", new StatusSubresource(PlainStrategy<Service>.Instance));
    }

    private static ResourceDefinition Core<T, TList>(string resource, string singular, bool namespaced, IResourceStrategy strategy,
        string[]? shortNames = null, string[]? categories = null, IReadOnlyList<SubresourceDefinition>? subresources = null) => new()
    {
        Group = "", Version = "v1", Resource = resource, Singular = singular, Kind = typeof(T).Name,
        Namespaced = namespaced, ObjectType = typeof(T), ListType = typeof(TList), Strategy = strategy,
        ShortNames = shortNames ?? [], Categories = categories ?? [], Subresources = subresources ?? [],
    };
}
