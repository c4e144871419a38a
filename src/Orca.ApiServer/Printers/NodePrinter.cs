using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 nodes: NAME STATUS ROLES AGE VERSION, wide addresses and system info.</summary>
internal sealed class NodePrinter : TablePrinter<Node>
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string LegacyRoleLabel = "kubernetes.io/role";

    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Status", "Readiness of the node and whether it accepts new pods."),
        Column.Text("Roles", "Roles taken from the node's role labels."),
        Column.Age(),
        Column.Text("Version", "Version of the node agent."),
        Column.Text("Internal-IP", "First internal address of the node.", 1),
        Column.Text("External-IP", "First external address of the node.", 1),
        Column.Text("OS-Image", "Operating system image reported by the node.", 1),
        Column.Text("Kernel-Version", "Kernel version reported by the node.", 1),
        Column.Text("Container-Runtime", "Container runtime name and version.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Node node, DateTimeOffset now)
    {
        var info = node.Status.NodeInfo;
        return
        [
            Text(node.Metadata.Name),
            Text(Status(node)),
            Text(Roles(node)),
            AgeOf(node, now),
            Text(info?.KubeletVersion),
            Text(Address(node, "InternalIP")),
            Text(Address(node, "ExternalIP")),
            Text(OrUnknown(info?.OSImage)),
            Text(OrUnknown(info?.KernelVersion)),
            Text(OrUnknown(info?.ContainerRuntimeVersion)),
        ];
    }

    /// <summary>"Ready", "NotReady" or "Unknown" (no Ready condition), plus ",SchedulingDisabled".</summary>
    internal static string Status(Node node)
    {
        // The last Ready condition wins, as in a map keyed by type.
        var ready = node.Status.Conditions?.LastOrDefault(c => c.Type == "Ready");
        string status = ready is null ? "Unknown" : ready.Status == "True" ? "Ready" : "NotReady";
        return node.Spec.Unschedulable == true ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>Sorted, de-duplicated roles joined by commas, or "&lt;none&gt;".</summary>
    internal static string Roles(Node node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Metadata.Labels ?? [])
        {
            if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal))
            {
                string role = key[RoleLabelPrefix.Length..];
                if (role.Length > 0) roles.Add(role);
            }
            else if (key == LegacyRoleLabel && value.Length > 0)
            {
                roles.Add(value);
            }
        }
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(Node node, string type) =>
        node.Status.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    private static string OrUnknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}
