using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>
/// apps/v1 daemonsets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide
/// CONTAINERS IMAGES SELECTOR.
/// </summary>
internal sealed class DaemonSetPrinter : TablePrinter<DaemonSet>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Integer("Desired", "Number of nodes that should run the daemon pod."),
        Column.Integer("Current", "Number of nodes running at least one daemon pod."),
        Column.Integer("Ready", "Number of nodes whose daemon pod is ready."),
        Column.Integer("Up-to-date", "Number of nodes running the current template."),
        Column.Integer("Available", "Number of nodes whose daemon pod is available."),
        Column.Text("Node Selector", "Labels a node must have to run the daemon pod."),
        Column.Age(),
        .. Column.ContainersAndImages(),
        Column.Text("Selector", "Label query over the pods of the daemon set.", 1),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(DaemonSet ds, DateTimeOffset now)
    {
        var (names, images) = TemplateCells.Containers(ds.Spec.Template);
        var status = ds.Status;
        return
        [
            Text(ds.Metadata.Name),
            Number(status.DesiredNumberScheduled),
            Number(status.CurrentNumberScheduled),
            Number(status.NumberReady),
            Number(status.UpdatedNumberScheduled ?? 0),
            Number(status.NumberAvailable ?? 0),
            Text(TemplateCells.FormatLabels(ds.Spec.Template.Spec?.NodeSelector)),
            AgeOf(ds, now),
            names,
            images,
            Text(TemplateCells.FormatSelector(ds.Spec.Selector)),
        ];
    }
}
