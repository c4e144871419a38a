using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>core/v1 events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.</summary>
internal sealed class EventPrinter : TablePrinter<Event>
{
    public override IReadOnlyList<TableColumnDefinition> Columns => EventRow.Columns;

    protected override IReadOnlyList<JsonNode?> Row(Event e, DateTimeOffset now) => ToRow(e).Cells(now);

    internal static EventRow ToRow(Event e) => new(
        e.Metadata.Name, e.Type, e.Reason, e.InvolvedObject, e.Message, e.Source,
        e.ReportingComponent, e.ReportingInstance,
        e.FirstTimestamp, e.LastTimestamp, e.EventTime, e.Count,
        e.Series is not null, e.Series?.Count ?? 0, e.Series?.LastObservedTime);
}
