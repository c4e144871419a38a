namespace Orca.Client;

/// <summary>What an informer watches and how it behaves. Defaults in the property docs.</summary>
public sealed record InformerOptions
{
    /// <summary>Null or "": all namespaces.</summary>
    public string? Namespace { get; init; }
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>How often every cached object is re-delivered as OnUpdate(obj, obj). Null (default): never.</summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>The server is asked to end each watch after this long, times a random factor 1–2. Default 5 min.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay after a failed list or watch; doubles per failure up to <see cref="MaxBackoff"/>. Default 800 ms.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Told about every failed list/watch and every exception a handler throws (the informer carries on).
    /// Called from the informer's threads; must not block. Default: ignore.
    /// </summary>
    public Action<Exception>? OnError { get; init; }
}
