namespace Orca.Agent.Pods;

/// <summary>
/// Per-key exponential back-off on the injected clock (crash loops, image pulls): <see cref="Next"/>
/// starts at the initial delay and doubles up to the max; an entry idle longer than the reset period
/// starts over. Thread-safe.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max, TimeSpan reset, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (TimeSpan Delay, DateTimeOffset Updated)> _entries = new(StringComparer.Ordinal);

    /// <summary>The current delay of the key, or zero when it has none.</summary>
    public TimeSpan Current(string key)
    {
        lock (_lock) return _entries.TryGetValue(key, out var e) ? e.Delay : TimeSpan.Zero;
    }

    /// <summary>True while <paramref name="since"/> + the current delay is in the future.</summary>
    public bool InBackoffSince(string key, DateTimeOffset since, out TimeSpan remaining)
    {
        lock (_lock)
        {
            remaining = TimeSpan.Zero;
            if (!_entries.TryGetValue(key, out var e)) return false;
            var now = time.GetUtcNow();
            if (now - e.Updated > reset) return false;
            remaining = since + e.Delay - now;
            return remaining > TimeSpan.Zero;
        }
    }

    /// <summary>Records one more failure: the first gets the initial delay, later ones double it.</summary>
    public TimeSpan Next(string key)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var delay = _entries.TryGetValue(key, out var e) && now - e.Updated <= reset
                ? TimeSpan.FromTicks(Math.Min(max.Ticks, e.Delay.Ticks * 2))
                : initial;
            _entries[key] = (delay, now);
            return delay;
        }
    }

    public void Forget(string keyPrefix)
    {
        lock (_lock)
        {
            foreach (var k in _entries.Keys.Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList()) _entries.Remove(k);
        }
    }
}
