using System.Collections.Concurrent;
using Orca.Api;

namespace Orca.Controllers.Framework;

/// <summary>
/// A controller's last write of each object, kept until its informer catches up. The events a write causes
/// (pods turning ready, a ReplicaSet's status) often bring the next sync before the informer has delivered
/// that write; a sync based on the stale cached copy would make its next write a conflict (and a re-read
/// and a retry) every time. <see cref="Latest"/> hands out the written object instead while the cache still
/// holds exactly the version the write replaced, and forgets it as soon as the cache shows anything else
/// (the write itself, or someone else's change, which then wins as usual). Thread-safe.
/// </summary>
internal sealed class OwnWrites<T> where T : class, IKubeObject
{
    private readonly ConcurrentDictionary<string, (string? Replaced, T Written)> _written = new(StringComparer.Ordinal);

    /// <summary>The object to base a sync of <paramref name="key"/> on: <paramref name="cached"/>, or our newer write of it. Do not modify it.</summary>
    public T? Latest(string key, T? cached)
    {
        if (!_written.TryGetValue(key, out var w)) return cached;
        if (cached is not null && cached.Metadata.Uid == w.Written.Metadata.Uid && cached.Metadata.ResourceVersion == w.Replaced) return w.Written;
        _written.TryRemove(key, out _);
        return cached;
    }

    /// <summary>Records that writing version <paramref name="replacedVersion"/> of <paramref name="key"/> returned <paramref name="written"/>.</summary>
    public void Remember(string key, string? replacedVersion, T written) => _written[key] = (replacedVersion, written);

    public void Forget(string key) => _written.TryRemove(key, out _);
}
