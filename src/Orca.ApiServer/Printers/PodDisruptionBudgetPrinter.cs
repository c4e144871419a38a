using System.Text.Json.Nodes;
using Orca.Api.Meta;
using Orca.Api.Policy;

namespace Orca.ApiServer.Printers;

/// <summary>policy/v1 poddisruptionbudgets: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE.</summary>
internal sealed class PodDisruptionBudgetPrinter : TablePrinter<PodDisruptionBudget>
{
    private static readonly TableColumnDefinition[] s_columns =
    [
        Column.Name(),
        Column.Text("Min Available", "The minimum number of pods that must be available."),
        Column.Text("Max Unavailable", "The maximum number of pods that may be unavailable."),
        Column.Integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time."),
        Column.Age(),
    ];

    public override IReadOnlyList<TableColumnDefinition> Columns => s_columns;

    protected override IReadOnlyList<JsonNode?> Row(PodDisruptionBudget pdb, DateTimeOffset now) =>
    [
        Text(pdb.Metadata.Name),
        Text(pdb.Spec.MinAvailable?.ToString() ?? "N/A"),
        Text(pdb.Spec.MaxUnavailable?.ToString() ?? "N/A"),
        Number(pdb.Status.DisruptionsAllowed),
        AgeOf(pdb, now),
    ];
}
