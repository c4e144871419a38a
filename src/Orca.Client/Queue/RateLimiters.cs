namespace Orca.Client;

/// <summary>
/// Decides how long an item must wait before it is retried. Implementations are thread-safe.
/// <see cref="When"/> records a failure of the item and returns its delay; <see cref="Forget"/> clears its history.
/// </summary>
public interface IRateLimiter<TKey> where TKey : notnull
{
    TimeSpan When(TKey item);
    void Forget(TKey item);
    int Retries(TKey item);
}

/// <summary>Per-item exponential backoff: baseDelay · 2^failures, capped at maxDelay.</summary>
public sealed class ItemExponentialRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, int> _failures = new();

    public TimeSpan When(TKey item)
    {
        int n;
        lock (_failures)
        {
            _failures.TryGetValue(item, out n);
            _failures[item] = n + 1;
        }
        var ticks = baseDelay.Ticks * Math.Pow(2, n);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public void Forget(TKey item)
    {
        lock (_failures) _failures.Remove(item);
    }

    public int Retries(TKey item)
    {
        lock (_failures) return _failures.GetValueOrDefault(item);
    }
}

/// <summary>
/// An overall token bucket (qps refill, burst capacity) shared by all items. Each call reserves a token,
/// possibly in the future, and returns how long until that token is available; items are not tracked.
/// </summary>
public sealed class BucketRateLimiter<TKey>(double qps, int burst, TimeProvider time) : IRateLimiter<TKey> where TKey : notnull
{
    private readonly Lock _lock = new();
    private double _tokens = burst;
    private DateTimeOffset _last = time.GetUtcNow();

    public TimeSpan When(TKey item)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now > _last)
            {
                _tokens = Math.Min(burst, _tokens + (now - _last).TotalSeconds * qps);
                _last = now;
            }
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / qps);
        }
    }

    public void Forget(TKey item)
    {
    }

    public int Retries(TKey item) => 0;
}

/// <summary>The longest delay of several limiters; Forget and Retries reach all of them.</summary>
public sealed class MaxOfRateLimiter<TKey>(params IRateLimiter<TKey>[] limiters) : IRateLimiter<TKey> where TKey : notnull
{
    public TimeSpan When(TKey item)
    {
        var max = TimeSpan.Zero;
        foreach (var l in limiters)
        {
            var d = l.When(item);
            if (d > max) max = d;
        }
        return max;
    }

    public void Forget(TKey item)
    {
        foreach (var l in limiters) l.Forget(item);
    }

    public int Retries(TKey item) => limiters.Max(l => l.Retries(item));
}

public static class RateLimiters
{
    /// <summary>
    /// The usual controller limiter: per item 5 ms doubling up to 1000 s, and overall 10 qps with a burst of 100.
    /// </summary>
    public static IRateLimiter<TKey> DefaultController<TKey>(TimeProvider time) where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ItemExponentialRateLimiter<TKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new BucketRateLimiter<TKey>(10, 100, time));
}
