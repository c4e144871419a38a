using System.Text.Json.Serialization;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Api.Events;

/// <summary>events.k8s.io/v1 Event (kind "Event"); named EventV1 to keep it apart from core/v1 Event.</summary>
[Doc("A report of something that happened to an object (events.k8s.io form).")]
public sealed record EventV1 : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("When the event first happened.")]
    [ApiRequired, JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? EventTime { get; set; }
    public EventV1Series? Series { get; set; }
    [Doc("The controller that emitted the event, e.g. kubernetes.io/kubelet.")]
    public string? ReportingController { get; set; }
    public string? ReportingInstance { get; set; }
    public string? Action { get; set; }
    public string? Reason { get; set; }
    [Doc("The object the event is about.")]
    public ObjectReference? Regarding { get; set; }
    public ObjectReference? Related { get; set; }
    [Doc("Human-readable description.")]
    public string? Note { get; set; }
    [Doc("Normal or Warning.")]
    public string? Type { get; set; }
    public EventSource? DeprecatedSource { get; set; }
    public DateTimeOffset? DeprecatedFirstTimestamp { get; set; }
    public DateTimeOffset? DeprecatedLastTimestamp { get; set; }
    public int? DeprecatedCount { get; set; }
}

/// <summary>events.k8s.io/v1 EventList.</summary>
public sealed record EventV1List : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<EventV1> Items { get; set; } = new();
}

/// <summary>events.k8s.io/v1 EventSeries.</summary>
public sealed record EventV1Series
{
    [ApiRequired] public int Count { get; set; }
    [ApiRequired, JsonConverter(typeof(MicroTimeConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }
}
