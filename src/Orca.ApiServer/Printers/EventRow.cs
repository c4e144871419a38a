using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Printers;

/// <summary>
/// The fields both event APIs print, in core/v1 terms (events.k8s.io/v1 maps onto them the way
/// Kubernetes converts it to its internal event), and the shared columns and cells.
/// </summary>
internal sealed record EventRow(
    string? Name,
    string? Type,
    string? Reason,
    ObjectReference? Regarding,
    string? Message,
    EventSource? Source,
    string? ReportingController,
    string? ReportingInstance,
    DateTimeOffset? FirstTimestamp,
    DateTimeOffset? LastTimestamp,
    DateTimeOffset? EventTime,
    int? Count,
    bool HasSeries,
    int SeriesCount,
    DateTimeOffset? SeriesLastObserved)
{
    public static readonly TableColumnDefinition[] Columns =
    [
        Column.Text("Last Seen", "Time since the event was last observed."),
        Column.Text("Type", "Normal or Warning."),
        Column.Text("Reason", "Short machine-readable cause of the event."),
        Column.Text("Object", "Kind and name of the object the event is about."),
        Column.Text("Subobject", "Part of the object the event is about, such as a container.", 1),
        Column.Text("Source", "Component and host that reported the event.", 1),
        Column.Text("Message", "Human-readable description of the event."),
        Column.Text("First Seen", "Time since the event was first observed.", 1),
        Column.Text("Count", "Number of times the event occurred.", 1),
        Column.Name(1),
    ];

    /// <summary>
    /// First Seen is firstTimestamp, else eventTime; Last Seen is the series' last observation, else
    /// lastTimestamp, else First Seen. Count is the series count, else count, else 1.
    /// </summary>
    public IReadOnlyList<JsonNode?> Cells(DateTimeOffset now)
    {
        string firstSeen = Age.Since(FirstTimestamp ?? EventTime, now);
        string lastSeen = LastTimestamp is { } last ? Age.HumanDuration(now - last) : firstSeen;
        long count = Count ?? 0;
        if (HasSeries)
        {
            lastSeen = Age.Since(SeriesLastObserved, now);
            count = SeriesCount;
        }
        else if (count == 0)
        {
            count = 1;
        }

        return
        [
            Str(lastSeen),
            Str(Type),
            Str(Reason),
            Str(ObjectName()),
            Str(Regarding?.FieldPath),
            Str(SourceText()),
            Str((Message ?? "").Trim()),
            Str(firstSeen),
            JsonValue.Create(count),
            Str(Name),
        ];
    }

    /// <summary>"kind/name" with the kind lower-cased, or just the kind when there is no name.</summary>
    internal string ObjectName()
    {
        string kind = (Regarding?.Kind ?? "").ToLowerInvariant();
        return string.IsNullOrEmpty(Regarding?.Name) ? kind : $"{kind}/{Regarding.Name}";
    }

    /// <summary>"component, host", falling back to the reporting controller and instance.</summary>
    internal string SourceText()
    {
        string component = FirstNonEmpty(Source?.Component, ReportingController);
        string instance = FirstNonEmpty(Source?.Host, ReportingInstance);
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }

    private static string FirstNonEmpty(string? first, string? second) =>
        !string.IsNullOrEmpty(first) ? first : second ?? "";

    private static JsonNode Str(string? value) => JsonValue.Create(value ?? "")!;
}
