namespace Orca.Scheduler.Framework;

/// <summary>
/// A pod waiting in the scheduling queue and what the queue remembers about it: when it was (re)queued,
/// how many attempts it had, and which plugins turned it down last time (so only relevant cluster
/// events move it back). Owned by the queue; the scheduling thread updates it while the pod is popped.
/// </summary>
internal sealed class QueuedPodInfo(PodInfo pod, DateTimeOffset now)
{
    public PodInfo PodInfo { get; set; } = pod;

    /// <summary>When the pod was last added to the active queue (or re-added after a failure); orders equal priorities.</summary>
    public DateTimeOffset Timestamp { get; set; } = now;

    /// <summary>When the pod first entered the queue (for the scheduling latency figures).</summary>
    public DateTimeOffset InitialAttemptTimestamp { get; set; } = now;

    /// <summary>Scheduling attempts so far; the backoff doubles with each.</summary>
    public int Attempts { get; set; }

    /// <summary>Plugins that rejected the pod in its last attempt (empty: moved by any event).</summary>
    public HashSet<string> UnschedulablePlugins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Plugins that said Pending (the pod waits on them, not on a backoff).</summary>
    public HashSet<string> PendingPlugins { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Set while a PreEnqueue plugin (scheduling gates) keeps the pod out of the active queue.</summary>
    public bool Gated { get; set; }

    public string Key => PodInfo.Key;

    public override string ToString() => Key;
}
