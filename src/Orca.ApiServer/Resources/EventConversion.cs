using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Events;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Resources;

/// <summary>events.k8s.io/v1 Event ⇄ core/v1 Event, field for field as Kubernetes maps them.</summary>
internal sealed class EventConversion : IStorageConverter
{
    public static readonly EventConversion Instance = new();

    public Type StorageType => typeof(Event);
    public string StorageApiVersion => "v1";
    public string StorageKind => "Event";

    public IKubeObject ToStorage(IKubeObject obj)
    {
        var e = (EventV1)obj;
        return new Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = e.Metadata,
            InvolvedObject = e.Regarding ?? new ObjectReference(),
            Related = e.Related,
            Reason = e.Reason,
            Message = e.Note,
            Type = e.Type,
            Action = e.Action,
            EventTime = e.EventTime,
            Series = e.Series is { } s ? new EventSeries { Count = s.Count, LastObservedTime = s.LastObservedTime } : null,
            ReportingComponent = e.ReportingController ?? "",
            ReportingInstance = e.ReportingInstance ?? "",
            Source = e.DeprecatedSource,
            FirstTimestamp = e.DeprecatedFirstTimestamp,
            LastTimestamp = e.DeprecatedLastTimestamp,
            Count = e.DeprecatedCount,
        };
    }

    public IKubeObject FromStorage(IKubeObject stored)
    {
        var e = (Event)stored;
        return new EventV1
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = e.Metadata,
            Regarding = e.InvolvedObject,
            Related = e.Related,
            Reason = e.Reason,
            Note = e.Message,
            Type = e.Type,
            Action = e.Action,
            EventTime = e.EventTime,
            Series = e.Series is { } s ? new EventV1Series { Count = s.Count ?? 0, LastObservedTime = s.LastObservedTime } : null,
            ReportingController = string.IsNullOrEmpty(e.ReportingComponent) ? null : e.ReportingComponent,
            ReportingInstance = string.IsNullOrEmpty(e.ReportingInstance) ? null : e.ReportingInstance,
            DeprecatedSource = e.Source,
            DeprecatedFirstTimestamp = e.FirstTimestamp,
            DeprecatedLastTimestamp = e.LastTimestamp,
            DeprecatedCount = e.Count,
        };
    }
}
