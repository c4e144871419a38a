namespace Orca.Scheduler.Framework;

/// <summary>
/// A pod held at Permit by one or more plugins. It is allowed once every waiting plugin allowed it,
/// rejected as soon as one rejects or its time runs out. Thread-safe; completes exactly once.
/// </summary>
internal sealed class WaitingPod : IDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _pending;
    private readonly TaskCompletionSource<Status> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ITimer> _timers = [];

    public WaitingPod(PodInfo pod, IReadOnlyDictionary<string, TimeSpan> waitingPlugins, TimeProvider time)
    {
        Pod = pod;
        _pending = new HashSet<string>(waitingPlugins.Keys, StringComparer.Ordinal);
        foreach (var (plugin, timeout) in waitingPlugins)
        {
            _timers.Add(time.CreateTimer(_ => Reject(plugin, $"rejected due to timeout after waiting {timeout.TotalSeconds:0}s at plugin {plugin}"),
                null, timeout, Timeout.InfiniteTimeSpan));
        }
    }

    public PodInfo Pod { get; }

    /// <summary>Completes with Success when allowed by all, or Unschedulable naming the rejecting plugin.</summary>
    public Task<Status> Result => _done.Task;

    public IReadOnlyCollection<string> PendingPlugins
    {
        get { lock (_lock) return _pending.ToList(); }
    }

    public void Allow(string plugin)
    {
        lock (_lock)
        {
            _pending.Remove(plugin);
            if (_pending.Count > 0) return;
        }
        _done.TrySetResult(Status.Success);
    }

    public void Reject(string plugin, string message) => _done.TrySetResult(Status.Unschedulable(message).WithPlugin(plugin));

    public void Dispose()
    {
        foreach (var t in _timers) t.Dispose();
    }
}
