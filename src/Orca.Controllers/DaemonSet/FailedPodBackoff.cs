namespace Orca.Controllers.DaemonSets;

/// <summary>
/// Per (DaemonSet UID, node) backoff for deleting failed daemon pods, so that a node whose agent keeps
/// rejecting the pod does not make the controller create and delete pods in a hot loop: the first failed
/// pod goes at once; each later one waits twice as long as the last (1 s doubling to 15 min); an entry
/// untouched for twice the maximum starts again at 1 s. Time is the caller's (the injected clock). Thread-safe.
/// </summary>
internal sealed class FailedPodBackoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(15);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (TimeSpan Delay, DateTimeOffset Updated)> _entries = new(StringComparer.Ordinal);

    public static string Key(string dsUid, string node) => dsUid + "/" + node;

    /// <summary>
    /// When a failed pod under <paramref name="key"/> may next be deleted: null when it may be deleted now
    /// (and the backoff then grows), else the time to look again.
    /// </summary>
    public DateTimeOffset? TryDelete(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var e))
            {
                if (now - e.Updated < e.Delay) return e.Updated + e.Delay;
                var expired = now - e.Updated > 2 * Max;
                var next = expired ? Initial : TimeSpan.FromTicks(Math.Min(e.Delay.Ticks * 2, Max.Ticks));
                _entries[key] = (next, now);
                return null;
            }
            _entries[key] = (Initial, now);
            return null;
        }
    }

    /// <summary>Drops entries untouched for twice the maximum delay (call now and then).</summary>
    public void Collect(DateTimeOffset now)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Where(e => now - e.Value.Updated > 2 * Max).Select(e => e.Key).ToList()) _entries.Remove(key);
        }
    }
}
