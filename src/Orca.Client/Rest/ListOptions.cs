namespace Orca.Client;

/// <summary>Query parameters of a list.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    /// <summary>Page size; null lets the server decide.</summary>
    public long? Limit { get; init; }
    public string? Continue { get; init; }
    /// <summary>"0" reads any cached state (cheapest); null reads the latest.</summary>
    public string? ResourceVersion { get; init; }
    /// <summary>When true, the client follows continue tokens and returns every page as one result.</summary>
    public bool AllPages { get; init; }
}

/// <summary>Query parameters of a watch.</summary>
public sealed record WatchOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    /// <summary>Resume after this version; null or "0" starts with ADDED events for the current state.</summary>
    public string? ResourceVersion { get; init; }
    public bool AllowBookmarks { get; init; } = true;
    /// <summary>The server ends the stream after this long; null means the server's own limit.</summary>
    public TimeSpan? Timeout { get; init; }
}

/// <summary>One page (or, with <see cref="ListOptions.AllPages"/>, every page) of a list.</summary>
public sealed record ListResult<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);

/// <summary>The patch formats the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 6902 JSON patch.</summary>
    Json,
    /// <summary>RFC 7386 JSON merge patch.</summary>
    Merge,
    /// <summary>Kubernetes strategic merge patch.</summary>
    StrategicMerge,
    /// <summary>Server-side apply (needs a field manager).</summary>
    Apply,
}

/// <summary>The kind of a watch event.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}

/// <summary>
/// One event of a watch. For <see cref="WatchEventType.Bookmark"/> only <c>Object.Metadata.ResourceVersion</c>
/// is meaningful. Watch ERROR events are not events: they end the stream with an <see cref="ApiException"/>.
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T Object);
