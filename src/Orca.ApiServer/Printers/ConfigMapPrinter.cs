using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 configmaps: NAME DATA AGE, DATA counting data and binaryData keys.</summary>
internal sealed class ConfigMapPrinter : TablePrinter<ConfigMap>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Data", "Number of data and binaryData keys."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(ConfigMap map, DateTimeOffset now) =>
        [Text(map.Metadata.Name), Number((map.Data?.Count ?? 0) + (map.BinaryData?.Count ?? 0)), AgeOf(map, now)];
}
