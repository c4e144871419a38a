using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>apps/v1 deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.</summary>
internal sealed class DeploymentPrinter : TablePrinter<Deployment>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Ready", "Ready pods over desired pods."),
        Column.Text("Up-to-date", "Pods that run the current template."),
        Column.Text("Available", "Pods available to serve (ready for at least minReadySeconds)."),
        Column.Age(),
        .. Column.ContainersAndImages(),
        Column.Text("Selector", "Label query over the pods of the deployment.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(Deployment d, DateTimeOffset now)
    {
        var (names, images) = TemplateCells.Containers(d.Spec.Template);
        return
        [
            Text(d.Metadata.Name),
            Text($"{d.Status.ReadyReplicas ?? 0}/{d.Spec.Replicas ?? 0}"),
            Number(d.Status.UpdatedReplicas ?? 0),
            Number(d.Status.AvailableReplicas ?? 0),
            AgeOf(d, now),
            names,
            images,
            Text(TemplateCells.SelectorString(d.Spec.Selector)),
        ];
    }
}
