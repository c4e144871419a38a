using System.Text.Json.Nodes;
using Orca.Api.Events;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>events.k8s.io/v1 events: the same columns as core/v1 events (Kubernetes prints both alike).</summary>
internal sealed class EventV1Printer : TablePrinter<EventV1>
{
    public override IReadOnlyList<TableColumnDefinition> Columns => EventRow.Columns;

    protected override IReadOnlyList<JsonNode?> Row(EventV1 e, DateTimeOffset now) => ToRow(e).Cells(now);

    /// <summary>regarding, note and the deprecated* fields take the places of their core/v1 twins.</summary>
    internal static EventRow ToRow(EventV1 e) => new(
        e.Metadata.Name, e.Type, e.Reason, e.Regarding, e.Note, e.DeprecatedSource,
        e.ReportingController, e.ReportingInstance,
        e.DeprecatedFirstTimestamp, e.DeprecatedLastTimestamp, e.EventTime, e.DeprecatedCount,
        e.Series is not null, e.Series?.Count ?? 0, e.Series?.LastObservedTime);
}
