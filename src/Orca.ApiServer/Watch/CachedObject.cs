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
internal sealed record CacheEvent(WatchEventType Type, CachedObject Object, CachedObject? Previous, long Revision);
