namespace Orca.Scheduler.Queue;

/// <summary>Timing of the scheduling queue. Defaults as kube-scheduler's.</summary>
internal sealed record QueueOptions
{
    /// <summary>Backoff after the first failed attempt; doubles per attempt. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Backoff cap. Default 10 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A pod parked as unschedulable longer than this is retried even without a relevant event. Default 5 min.</summary>
    public TimeSpan MaxInUnschedulable { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often parked pods are checked against <see cref="MaxInUnschedulable"/>. Default 30 s.</summary>
    public TimeSpan UnschedulableFlushInterval { get; init; } = TimeSpan.FromSeconds(30);
}
