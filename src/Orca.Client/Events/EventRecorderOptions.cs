namespace Orca.Client;

/// <summary>Who reports events and how the recorder buffers them.</summary>
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

    /// <summary>A repeat within this time of the last occurrence increments the count of the existing event. Default 10 min.</summary>
    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Distinct events remembered for aggregation; the oldest are forgotten beyond it. Default 4096.</summary>
    public int CacheSize { get; init; } = 4096;

    /// <summary>Told about failed writes (the event is dropped). Must not block. Default: ignore.</summary>
    public Action<Exception>? OnError { get; init; }
}
