namespace Orca.Scheduler;

/// <summary>Counters of one scheduler, updated atomically; read for benchmarks and logs.</summary>
public sealed class SchedulerStats
{
    private long _attempts;
    private long _scheduled;
    private long _unschedulable;
    private long _errors;
    private long _cycleTicks;

    /// <summary>Scheduling cycles run.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Pods bound.</summary>
    public long Scheduled => Interlocked.Read(ref _scheduled);

    /// <summary>Cycles that ended with no fitting node.</summary>
    public long Unschedulable => Interlocked.Read(ref _unschedulable);

    /// <summary>Cycles or bindings that failed with an error.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Time spent in scheduling cycles (the single scheduling thread), excluding binding.</summary>
    public TimeSpan CycleTime => TimeSpan.FromTicks(Interlocked.Read(ref _cycleTicks));

    internal void Attempt(TimeSpan took)
    {
        Interlocked.Increment(ref _attempts);
        Interlocked.Add(ref _cycleTicks, took.Ticks);
    }

    internal void Bound() => Interlocked.Increment(ref _scheduled);

    internal void Failed(bool error)
    {
        if (error) Interlocked.Increment(ref _errors);
        else Interlocked.Increment(ref _unschedulable);
    }
}
