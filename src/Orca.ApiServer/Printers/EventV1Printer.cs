using System.Text.Json.Nodes;
using Orca.Api.Events;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>events.k8s.io/v1 events: the same columns as core/v1 events (Kubernetes prints both alike).</summary>
internal sealed class EventV1Printer : TablePrinter<EventV1>
{
    public override IReadOnlyList<TableColumnDefinition> Columns => EventRow.Columns;

    protected override IReadOnlyList<JsonNode?> Row(EventV1 e, DateTimeOffset now) => ToRow(e).Cells(now);

    /// <summary>The row of the core/v1 event this one is stored as (the same conversion the registry uses).</summary>
    internal static EventRow ToRow(EventV1 e) => EventPrinter.ToRow((Orca.Api.Core.Event)Resources.EventConversion.Instance.ToStorage(e));
}
