using System.Text;
using Orca.Api;

namespace Orca.ApiServer.Watch;

/// <summary>
/// One object as the watch cache holds it: decoded (shared, read-only: clone before changing),
/// and serialized once as JSON with its resourceVersion set, for answers and watch events.
/// </summary>
internal sealed record CachedObject(string Key, IKubeObject Object, byte[] Json, long ModRevision);

internal enum WatchEventType { Added, Modified, Deleted }

/// <summary>
/// A change as the cache saw it. For Deleted, <see cref="Object"/> is the last state with the
/// delete's revision as its resourceVersion. <see cref="Previous"/> is the state before (null on add).
/// </summary>
internal sealed record CacheEvent(WatchEventType Type, CachedObject Object, CachedObject? Previous, long Revision)
{
    private readonly byte[]?[] _frames = new byte[3][];

    /// <summary>
    /// The watch-event JSON `{"type":"…","object":…}` followed by a newline, of this change as <paramref name="type"/>.
    /// Built once and shared by every watcher that reports it so (selectors may turn a change into
    /// ADDED or DELETED for some watchers). Thread-safe; the array must not be modified.
    /// </summary>
    public byte[] Frame(WatchEventType type)
    {
        var slot = (int)type;
        if (Volatile.Read(ref _frames[slot]) is { } cached) return cached;
        var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{Name(type)}\",\"object\":");
        var frame = new byte[prefix.Length + Object.Json.Length + 2];
        prefix.CopyTo(frame, 0);
        Object.Json.CopyTo(frame, prefix.Length);
        frame[^2] = (byte)'}';
        frame[^1] = (byte)'\n';
        Volatile.Write(ref _frames[slot], frame);
        return frame;
    }

    public static string Name(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
