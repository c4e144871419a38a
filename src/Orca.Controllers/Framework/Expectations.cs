namespace Orca.Controllers.Framework;

/// <summary>
/// Creations and deletions a controller has asked for but not yet seen in its informer. While a key has
/// outstanding expectations its controller must not act on the cache (it would count the same pods twice
/// and over-create or over-delete). Expectations expire after 5 minutes so that a lost event never blocks
/// a controller for good. Thread-safe.
/// </summary>
internal sealed class Expectations(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="creations"/> objects will be created and <paramref name="deletions"/> (by UID) deleted for <paramref name="key"/>.</summary>
    public void Expect(string key, int creations, IEnumerable<string>? deletions = null)
    {
        lock (_lock)
        {
            _entries[key] = new Entry(creations, new HashSet<string>(deletions ?? [], StringComparer.Ordinal), time.GetUtcNow());
        }
    }

    /// <summary>One expected object was seen created (or its creation failed and will not be seen).</summary>
    public void CreationObserved(string key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var e)) e.Creations--;
        }
    }

    /// <summary>The object with <paramref name="uid"/> was seen deleted (or its deletion failed).</summary>
    public void DeletionObserved(string key, string uid)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var e)) e.Deletions.Remove(uid);
        }
    }

    /// <summary>True when the controller may trust its cache for <paramref name="key"/>: nothing outstanding, or the expectations expired.</summary>
    public bool Satisfied(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var e)) return true;
            return (e.Creations <= 0 && e.Deletions.Count == 0) || time.GetUtcNow() - e.Since > Timeout;
        }
    }

    /// <summary>Forgets <paramref name="key"/> (its object was deleted).</summary>
    public void Delete(string key)
    {
        lock (_lock) _entries.Remove(key);
    }

    private sealed class Entry(int creations, HashSet<string> deletions, DateTimeOffset since)
    {
        public int Creations = creations;
        public HashSet<string> Deletions { get; } = deletions;
        public DateTimeOffset Since { get; } = since;
    }
}
