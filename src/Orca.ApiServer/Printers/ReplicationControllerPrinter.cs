using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 replicationcontrollers: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class ReplicationControllerPrinter : TablePrinter<ReplicationController>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Integer("Desired", "Number of desired pods."),
        Column.Integer("Current", "Number of pods the controller has created."),
        Column.Integer("Ready", "Number of pods with a Ready condition."),
        Column.Age(),
        .. Column.ContainersAndImages(),
        Column.Text("Selector", "Labels of the pods the controller keeps running.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(ReplicationController rc, DateTimeOffset now)
    {
        var (names, images) = TemplateCells.Containers(rc.Spec.Template);
        return
        [
            Text(rc.Metadata.Name),
            Number(rc.Spec.Replicas ?? 0),
            Number(rc.Status.Replicas),
            Number(rc.Status.ReadyReplicas ?? 0),
            AgeOf(rc, now),
            names,
            images,
            Text(TemplateCells.FormatLabels(rc.Spec.Selector)),
        ];
    }
}
