using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>apps/v1 statefulsets: NAME READY AGE, wide CONTAINERS IMAGES.</summary>
internal sealed class StatefulSetPrinter : TablePrinter<StatefulSet>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Ready", "Ready pods over desired pods."),
        Column.Age(),
        .. Column.ContainersAndImages(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(StatefulSet ss, DateTimeOffset now)
    {
        var (names, images) = TemplateCells.Containers(ss.Spec.Template);
        return [Text(ss.Metadata.Name), Text($"{ss.Status.ReadyReplicas ?? 0}/{ss.Spec.Replicas ?? 0}"), AgeOf(ss, now), names, images];
    }
}
