namespace Orca.Storage;

/// <summary>
/// A multi-version key-value store: the only thing below the API server.
///
/// Contract (every implementation passes tests/Orca.Storage.Tests/StoreConformance):
/// <list type="bullet">
/// <item>Every successful write (create, update, delete) gets the next store revision, strictly
/// increasing by one across the whole store. A key's <see cref="KeyValue.ModRevision"/> is the revision
/// of its last write; <see cref="KeyValue.CreateRevision"/> that of its creation.</item>
/// <item>A write is acknowledged (its task completes) only once it is durable for that implementation
/// (SQLite: committed to the WAL; memory: in memory). A failed write changes nothing.</item>
/// <item>All members are thread-safe. Concurrent writes may be committed together (group commit).
/// A write whose token is cancelled before it is applied fails with OperationCanceledException and
/// changes nothing; once applied it completes normally (cancellation never leaves its outcome unknown).</item>
/// <item>Values are opaque bytes; the caller owns the arrays it passes in and must not change them
/// afterwards; returned arrays are owned by the caller too (implementations copy or never reuse).</item>
/// <item>Watches deliver every change after their start revision, in revision order, with no gaps.</item>
/// </list>
/// The interface is shaped after etcd v3 so that etcd becomes another implementation.
/// </summary>
public interface IKeyValueStore : IAsyncDisposable
{
    /// <summary>The revision of the latest committed write (0 for an empty store).</summary>
    long CurrentRevision { get; }

    /// <summary>The oldest revision that can still be read or watched from (0 = nothing compacted).</summary>
    long CompactedRevision { get; }

    /// <summary>The live value of a key, or null when it does not exist.</summary>
    Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keys with the prefix, in key order, as they were at <paramref name="revision"/>
    /// (0 = the current revision). Starts after <paramref name="startAfterKey"/> when given and
    /// returns at most <paramref name="limit"/> items (0 = no limit); <see cref="ListResult.More"/>
    /// says whether more remain. Throws <see cref="CompactedException"/> when the revision was
    /// compacted and <see cref="FutureRevisionException"/> when it is ahead of the store.
    /// </summary>
    Task<ListResult> ListAsync(string prefix, long revision = 0, string? startAfterKey = null, int limit = 0,
        CancellationToken cancellationToken = default);

    /// <summary>The number of live keys with the prefix.</summary>
    Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Creates a key that must not exist. Throws <see cref="KeyExistsException"/> when it does.</summary>
    Task<KeyValue> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the value of a key whose ModRevision is <paramref name="expectedModRevision"/>
    /// (compare-and-swap). Throws <see cref="KeyNotFoundStoreException"/> when the key is gone and
    /// <see cref="RevisionConflictException"/> (carrying the current value) when it changed.
    /// </summary>
    Task<KeyValue> UpdateAsync(string key, byte[] value, long expectedModRevision, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a key, only if its ModRevision is <paramref name="expectedModRevision"/> (0 = any).
    /// Returns the deleted value with <see cref="KeyValue.ModRevision"/> set to the delete's revision.
    /// Same exceptions as <see cref="UpdateAsync"/>.
    /// </summary>
    Task<KeyValue> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every change to keys with the prefix after <paramref name="afterRevision"/>, in order, until the
    /// token is cancelled or the store is disposed (then the enumeration ends). Throws
    /// <see cref="CompactedException"/> on first iteration when <paramref name="afterRevision"/> + 1
    /// was compacted away. A consumer that falls behind is not dropped silently: either it gets every
    /// event or the enumeration throws <see cref="WatchOverflowException"/>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="progressNotify"/>, the watch also yields <see cref="StoreEventType.Progress"/>
    /// events (key "", no values) whose revision R promises that every change to the prefix up to R
    /// has been delivered — as etcd's progress notifications. A cache uses them to know how current
    /// it is when its own keys are quiet.
    /// </remarks>
    IAsyncEnumerable<StoreEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default, bool progressNotify = false);

    /// <summary>Forgets history before <paramref name="revision"/>: old versions and deleted keys.</summary>
    Task CompactAsync(long revision, CancellationToken cancellationToken = default);
}

/// <summary>One version of a key.</summary>
public sealed record KeyValue(string Key, byte[] Value, long CreateRevision, long ModRevision);

/// <summary>A page of a list, read at <see cref="Revision"/>.</summary>
public sealed record ListResult(IReadOnlyList<KeyValue> Items, long Revision, bool More);

public enum StoreEventType { Put, Delete, Progress }

/// <summary>
/// One change. For Put, <see cref="Value"/> is the new value and <see cref="PrevValue"/> the
/// previous one (null on create). For Delete, <see cref="Value"/> is null and <see cref="PrevValue"/>
/// the last live value. <see cref="Revision"/> is the revision of the change.
/// The arrays of one event may be shared by every watcher that receives it: treat them as read-only.
/// </summary>
public sealed record StoreEvent(StoreEventType Type, string Key, byte[]? Value, byte[]? PrevValue, long Revision, long CreateRevision)
{
    public bool IsCreate => Type == StoreEventType.Put && PrevValue is null;

    /// <summary>A progress notification: every change up to <paramref name="revision"/> has been delivered.</summary>
    public static StoreEvent ProgressAt(long revision) => new(StoreEventType.Progress, "", null, null, revision, 0);
}

public class StoreException(string message) : Exception(message);
public sealed class KeyExistsException(string key) : StoreException($"key {key} already exists");
public sealed class KeyNotFoundStoreException(string key) : StoreException($"key {key} not found");
public sealed class RevisionConflictException(string key, KeyValue current) : StoreException($"key {key} was modified")
{
    public KeyValue Current { get; } = current;
}
public sealed class CompactedException(long requested, long compacted)
    : StoreException($"revision {requested} has been compacted (oldest available {compacted})")
{
    public long Requested { get; } = requested;
    public long Compacted { get; } = compacted;
}
public sealed class FutureRevisionException(long requested, long current)
    : StoreException($"revision {requested} is ahead of the store ({current})");
public sealed class WatchOverflowException(string prefix) : StoreException($"watch on {prefix} fell too far behind");
