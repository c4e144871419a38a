namespace Orca.Client;

/// <summary>Who reports events, how the recorder buffers them and how it correlates them (client-go's defaults).</summary>
public sealed record EventRecorderOptions
{
    /// <summary>source.component and reportingComponent, e.g. "default-scheduler". Required.</summary>
    public required string Component { get; init; }

    /// <summary>source.host (node agents set their node name).</summary>
    public string? Host { get; init; }

    /// <summary>reportingInstance; default the host or "".</summary>
    public string? Instance { get; init; }

    /// <summary>Events waiting to be written; more are dropped (counted in <see cref="EventRecorder.Dropped"/>). Default 1000.</summary>
    public int QueueCapacity { get; init; } = 1000;

    /// <summary>
    /// Similar events (same object, type and reason, other messages) seen with no gap longer than this belong to
    /// one group that is aggregated once it has <see cref="AggregateMaxEvents"/> messages. Default 10 min.
    /// </summary>
    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Distinct messages of a group after which further similar events are combined into one. Default 10.</summary>
    public int AggregateMaxEvents { get; init; } = 10;

    /// <summary>Events one source may write about one object at once (the spam filter's burst). Default 25.</summary>
    public int SpamBurst { get; init; } = 25;

    /// <summary>The spam filter gives a source one more event about an object per this time. Default 5 min.</summary>
    public TimeSpan SpamRefillInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Entries each correlation cache (groups, recorded events, spam buckets) keeps; the least recently used are forgotten beyond it. Default 4096.</summary>
    public int CacheSize { get; init; } = 4096;

    /// <summary>Told about failed writes (the event is dropped). Must not block. Default: ignore.</summary>
    public Action<Exception>? OnError { get; init; }
}
