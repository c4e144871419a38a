using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.</summary>
internal sealed class ServicePrinter : TablePrinter<Service>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Type", "How the service is exposed."),
        Column.Text("Cluster-IP", "Primary virtual IP of the service inside the cluster."),
        Column.Text("External-IP", "Addresses the service is reachable on from outside the cluster."),
        Column.Text("Port(s)", "Service ports with node ports and protocols."),
        Column.Age(),
        Column.Text("Selector", "Labels of the pods the service routes to.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Service service, DateTimeOffset now)
    {
        var spec = service.Spec;
        string ports = Ports(spec.Ports);
        return
        [
            Text(service.Metadata.Name),
            Text(spec.Type),
            Text(ClusterIP(spec)),
            Text(ExternalIP(service)),
            Text(ports.Length == 0 ? "<none>" : ports),
            AgeOf(service, now),
            Text(Selector(spec.Selector)),
        ];
    }

    /// <summary>The first of clusterIPs; clusterIP stands in when the list is absent.</summary>
    private static string ClusterIP(ServiceSpec spec)
    {
        string? ip = spec.ClusterIPs is [var first, ..] ? first : spec.ClusterIP;
        return string.IsNullOrEmpty(ip) ? "<none>" : ip;
    }

    /// <summary>
    /// externalIPs for ClusterIP and NodePort services ("&lt;none&gt;" without any); load-balancer
    /// ingress addresses (sorted, de-duplicated) then externalIPs for LoadBalancer ones, or
    /// "&lt;pending&gt;"; the external name for ExternalName; "&lt;unknown&gt;" for any other type.
    /// </summary>
    internal static string ExternalIP(Service service)
    {
        var externalIPs = service.Spec.ExternalIPs ?? [];
        switch (service.Spec.Type)
        {
            case "ClusterIP" or "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : "<none>";
            case "LoadBalancer":
                var addresses = IngressAddresses(service.Status.LoadBalancer).Concat(externalIPs).ToList();
                return addresses.Count > 0 ? string.Join(",", addresses) : "<pending>";
            case "ExternalName":
                return service.Spec.ExternalName ?? "";
            default:
                return "<unknown>";
        }
    }

    private static SortedSet<string> IngressAddresses(LoadBalancerStatus? status)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ingress in status?.Ingress ?? [])
        {
            if (!string.IsNullOrEmpty(ingress.IP)) result.Add(ingress.IP);
            else if (!string.IsNullOrEmpty(ingress.Hostname)) result.Add(ingress.Hostname);
        }
        return result;
    }

    /// <summary>"80/TCP", or "80:30080/TCP" when a node port is set, joined by commas.</summary>
    internal static string Ports(List<ServicePort>? ports) =>
        string.Join(",", (ports ?? []).Select(p =>
            p.NodePort is > 0 ? $"{p.Port}:{p.NodePort}/{p.Protocol}" : $"{p.Port}/{p.Protocol}"));

    /// <summary>"key=value" pairs sorted by key and joined by commas, or "&lt;none&gt;".</summary>
    internal static string Selector(Dictionary<string, string>? selector) =>
        selector is { Count: > 0 }
            ? string.Join(",", selector.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
            : "<none>";
}
