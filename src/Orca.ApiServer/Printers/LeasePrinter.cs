using System.Text.Json.Nodes;
using Orca.Api.Coordination;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>coordination.k8s.io/v1 leases: NAME HOLDER AGE.</summary>
internal sealed class LeasePrinter : TablePrinter<Lease>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Holder", "Identity of the current holder of the lease."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Lease lease, DateTimeOffset now) =>
        [Text(lease.Metadata.Name), Text(lease.Spec.HolderIdentity), AgeOf(lease, now)];
}
