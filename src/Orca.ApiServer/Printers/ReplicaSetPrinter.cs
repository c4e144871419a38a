using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>apps/v1 replicasets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class ReplicaSetPrinter : TablePrinter<ReplicaSet>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Integer("Desired", "Number of desired pods."),
        Column.Integer("Current", "Number of pods the replica set has created."),
        Column.Integer("Ready", "Number of pods with a Ready condition."),
        Column.Age(),
        .. Column.ContainersAndImages(),
        Column.Text("Selector", "Label query over the pods of the replica set.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(ReplicaSet rs, DateTimeOffset now)
    {
        var (names, images) = TemplateCells.Containers(rs.Spec.Template);
        return
        [
            Text(rs.Metadata.Name),
            Number(rs.Spec.Replicas ?? 0),
            Number(rs.Status.Replicas),
            Number(rs.Status.ReadyReplicas ?? 0),
            AgeOf(rs, now),
            names,
            images,
            Text(TemplateCells.FormatSelector(rs.Spec.Selector)),
        ];
    }
}
