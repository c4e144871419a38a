using System.Text.Json.Serialization;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Event.</summary>
[Doc("A report of something that happened to an object (core/v1 form).")]
public sealed record Event : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The object the event is about.")]
    [ApiRequired] public ObjectReference InvolvedObject { get; set; } = new();
    [Doc("Short, machine-readable cause in UpperCamelCase.")]
    public string? Reason { get; set; }
    [Doc("Human-readable description.")]
    public string? Message { get; set; }
    public EventSource? Source { get; set; }
    public DateTimeOffset? FirstTimestamp { get; set; }
    public DateTimeOffset? LastTimestamp { get; set; }
    [Doc("How many times the event occurred.")]
    public int? Count { get; set; }
    [Doc("Normal or Warning.")]
    public string? Type { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }
    public EventSeries? Series { get; set; }
    public string? Action { get; set; }
    public ObjectReference? Related { get; set; }
    /// <summary>Go calls this field ReportingController; Kubernetes always writes it, even empty.</summary>
    public string ReportingComponent { get; set; } = "";
    public string ReportingInstance { get; set; } = "";
}

/// <summary>core/v1 EventList.</summary>
public sealed record EventList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Event> Items { get; set; } = new();
}

/// <summary>core/v1 EventSource: the component (and host) that reported an event.</summary>
public sealed record EventSource
{
    public string? Component { get; set; }
    public string? Host { get; set; }
}

/// <summary>core/v1 EventSeries: a repeating event.</summary>
public sealed record EventSeries
{
    public int? Count { get; set; }
    [JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }
}
