namespace Orca.Client;

/// <summary>
/// The controller work queue: a FIFO of keys that
/// <list type="bullet">
/// <item>holds each key at most once (adding a queued key is a no-op);</item>
/// <item>never hands one key to two workers: a key added while it is being processed is queued again
/// once, when the worker calls <see cref="Done"/>;</item>
/// <item>delays keys (<see cref="AddAfter"/>, keeping the earliest time when delayed twice) and rate-limits
/// retries (<see cref="AddRateLimited"/>, cleared by <see cref="Forget"/>).</item>
/// </list>
/// Every member is thread-safe. After <see cref="ShutDown"/> adds are ignored, and <see cref="GetAsync"/>
/// drains what is queued, then reports shut-down. Delays run on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = new();
    private readonly HashSet<TKey> _processing = new();
    private readonly Dictionary<TKey, DateTimeOffset> _waitingUntil = new();
    private readonly PriorityQueue<TKey, DateTimeOffset> _waiting = new();
    private readonly TimeProvider _time;
    private readonly IRateLimiter<TKey> _limiter;
    private readonly ITimer _timer;
    private TaskCompletionSource _changed = NewSignal();
    private bool _shuttingDown;

    /// <param name="limiter">Default: <see cref="RateLimiters.DefaultController{TKey}"/>.</param>
    public WorkQueue(TimeProvider time, IRateLimiter<TKey>? limiter = null)
    {
        _time = time;
        _limiter = limiter ?? RateLimiters.DefaultController<TKey>(time);
        _timer = time.CreateTimer(_ => MoveDueItems(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys ready to be handed out (not counting delayed or in-process keys).</summary>
    public int Length
    {
        get { lock (_lock) return _queue.Count; }
    }

    public bool IsShuttingDown
    {
        get { lock (_lock) return _shuttingDown; }
    }

    public void Add(TKey item)
    {
        lock (_lock)
        {
            if (_shuttingDown || !_dirty.Add(item)) return;
            if (_processing.Contains(item)) return;
            _queue.Enqueue(item);
            Signal();
        }
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed (at once when not positive).</summary>
    public void AddAfter(TKey item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }
        AddAt(item, _time.GetUtcNow() + delay);
    }

    /// <summary>
    /// Adds the key when the clock reaches <paramref name="at"/> (at once if that has passed), keeping the
    /// earliest time when delayed twice. An absolute time does not drift when the clock moves between the
    /// caller computing it and this call.
    /// </summary>
    public void AddAt(TKey item, DateTimeOffset at)
    {
        if (at <= _time.GetUtcNow())
        {
            Add(item);
            return;
        }
        lock (_lock)
        {
            if (_shuttingDown) return;
            if (_waitingUntil.TryGetValue(item, out var existing) && existing <= at) return;
            _waitingUntil[item] = at;
            _waiting.Enqueue(item, at);
            RescheduleTimer();
        }
    }

    /// <summary>Adds the key after the rate limiter's delay for it (each call counts as one more failure).</summary>
    public void AddRateLimited(TKey item) => AddAfter(item, _limiter.When(item));

    /// <summary>Clears the key's failure history (call after a successful sync). Does not remove it from the queue.</summary>
    public void Forget(TKey item) => _limiter.Forget(item);

    /// <summary>How many times the key was rate-limited since it was last forgotten.</summary>
    public int Retries(TKey item) => _limiter.Retries(item);

    /// <summary>
    /// Waits for a key and marks it in-process; the caller must call <see cref="Done"/> with it.
    /// Returns ShutDown = true (and a default key) once shut down and empty. Cancellation throws.
    /// </summary>
    public async Task<(TKey Item, bool ShutDown)> GetAsync(CancellationToken ct = default)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_queue.TryDequeue(out var item))
                {
                    _dirty.Remove(item);
                    _processing.Add(item);
                    return (item, false);
                }
                if (_shuttingDown) return (default!, true);
                wait = _changed.Task;
            }
            await wait.WaitAsync(ct);
        }
    }

    /// <summary>Ends processing of a key; a key added meanwhile is queued now.</summary>
    public void Done(TKey item)
    {
        lock (_lock)
        {
            if (!_processing.Remove(item)) return;
            if (_dirty.Contains(item))
            {
                _queue.Enqueue(item);
                Signal();
            }
        }
    }

    /// <summary>Stops accepting keys (delayed keys are dropped) and wakes all waiting workers.</summary>
    public void ShutDown()
    {
        lock (_lock)
        {
            _shuttingDown = true;
            _waiting.Clear();
            _waitingUntil.Clear();
            Signal();
        }
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    private void MoveDueItems()
    {
        List<TKey> due = [];
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_waiting.TryPeek(out var item, out var at) && at <= now)
            {
                _waiting.Dequeue();
                if (_waitingUntil.TryGetValue(item, out var current) && current == at)
                {
                    _waitingUntil.Remove(item);
                    due.Add(item);
                }
            }
            RescheduleTimer();
        }
        foreach (var item in due) Add(item);
    }

    /// <summary>Arms the single timer for the earliest delayed key (called under the lock).</summary>
    private void RescheduleTimer()
    {
        while (_waiting.TryPeek(out var item, out var at))
        {
            if (_waitingUntil.TryGetValue(item, out var current) && current == at)
            {
                var delay = at - _time.GetUtcNow();
                _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                return;
            }
            _waiting.Dequeue();
        }
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Signal()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
