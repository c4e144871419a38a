using System.Text.Json.Nodes;
using Orca.Api.Meta;
using Orca.Api.Scheduling;

namespace Orca.ApiServer.Printers;

/// <summary>scheduling.k8s.io/v1 priorityclasses: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY.</summary>
internal sealed class PriorityClassPrinter : TablePrinter<PriorityClass>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Integer("Value", "The priority of pods of this class."),
        Column.Boolean("Global-Default", "Whether pods without a priority class get this one."),
        Column.Age(),
        Column.Text("PreemptionPolicy", "Whether pods of this class preempt lower-priority pods."),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(PriorityClass pc, DateTimeOffset now) =>
        [Text(pc.Metadata.Name), Number(pc.Value), Bool(pc.GlobalDefault ?? false), AgeOf(pc, now), Text(pc.PreemptionPolicy)];
}
