using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 namespaces: NAME STATUS AGE.</summary>
internal sealed class NamespacePrinter : TablePrinter<Namespace>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Status", "Lifecycle phase of the namespace."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Namespace ns, DateTimeOffset now) =>
        [Text(ns.Metadata.Name), Text(ns.Status.Phase), AgeOf(ns, now)];
}
