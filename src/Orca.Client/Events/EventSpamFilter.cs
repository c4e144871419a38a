using Orca.Api.Core;

namespace Orca.Client;

/// <summary>
/// Limits how many events one source may write about one object: a token bucket per (source component and host,
/// involved object kind, namespace, name, uid, apiVersion) that starts full with <c>burst</c> tokens and gains one
/// every <c>refill</c>. The type, reason and message do not matter, so a controller creating thousands of pods
/// writes at most <c>burst</c> events about its ReplicaSet at once. Buckets of the least recently seen objects are
/// forgotten beyond <c>cacheSize</c>. Not thread-safe: <see cref="EventCorrelator"/> locks.
/// </summary>
internal sealed class EventSpamFilter(int burst, TimeSpan refill, int cacheSize)
{
    private readonly LruCache<string, Bucket> _buckets = new(cacheSize);

    /// <summary>True when <paramref name="e"/> may be written at <paramref name="now"/> (taking a token); false to drop it.</summary>
    public bool Allow(Event e, DateTimeOffset now)
    {
        var key = Key(e);
        if (!_buckets.TryGet(key, out var bucket))
        {
            bucket = new Bucket(burst, now);
            _buckets.Set(key, bucket);
        }
        if (refill > TimeSpan.Zero)
        {
            var gained = (now - bucket.At) / refill;
            if (gained > 0) bucket.Tokens = Math.Min(burst, bucket.Tokens + gained);
        }
        bucket.At = now;
        if (bucket.Tokens < 1) return false;
        bucket.Tokens -= 1;
        return true;
    }

    /// <summary>The source and the involved object, as client-go's spam key has them.</summary>
    public static string Key(Event e)
    {
        var o = e.InvolvedObject;
        return string.Join('\u0000', e.Source?.Component, e.Source?.Host, o.Kind, o.Namespace, o.Name, o.Uid, o.ApiVersion);
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset At { get; set; } = at;
    }
}
