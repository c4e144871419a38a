using Orca.Storage.Watch;

namespace Orca.Storage.Memory;

/// <summary>
/// An in-memory <see cref="IKeyValueStore"/> for tests: full history per key until compaction,
/// watch fan-out, nothing durable. Thread-safe through one lock; writes are applied and published
/// under it, so revisions and watch order always agree. Values are copied in and out.
/// </summary>
public sealed class MemoryStore : IKeyValueStore
{
    /// <summary>Default number of events buffered per watcher before it overflows.</summary>
    public const int DefaultWatchBufferSize = 10_000;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, KeyHistory> _keys = new(StringComparer.Ordinal);
    private readonly List<StoreEvent> _log = [];
    private readonly WatchBroadcaster _broadcaster;
    private long _revision;
    private long _compacted;
    private bool _disposed;

    public MemoryStore(int watchBufferSize = DefaultWatchBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(watchBufferSize, 1);
        _broadcaster = new WatchBroadcaster(0, watchBufferSize);
    }

    public long CurrentRevision => Volatile.Read(ref _revision);

    public long CompactedRevision => Volatile.Read(ref _compacted);

    public Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(LiveValue(key));
        }
    }

    public Task<ListResult> ListAsync(string prefix, long revision = 0, string? startAfterKey = null, int limit = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (_lock)
        {
            var at = revision == 0 ? _revision : revision;
            if (at > _revision)
            {
                throw new FutureRevisionException(at, _revision);
            }
            if (at < _compacted)
            {
                throw new CompactedException(at, _compacted);
            }
            var items = new List<KeyValue>();
            var more = false;
            foreach (var (key, history) in _keys)
            {
                if (!KeyRange.Matches(key, prefix) || (startAfterKey is not null && string.CompareOrdinal(key, startAfterKey) <= 0))
                {
                    continue;
                }
                if (history.At(at) is { Value: { } value } version)
                {
                    if (limit > 0 && items.Count == limit)
                    {
                        more = true;
                        break;
                    }
                    items.Add(new KeyValue(key, (byte[])value.Clone(), version.CreateRevision, version.Revision));
                }
            }
            return Task.FromResult(new ListResult(items, at, more));
        }
    }

    public Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            long count = _keys.Count(p => KeyRange.Matches(p.Key, prefix) && p.Value.Latest is { Value: not null });
            return Task.FromResult(count);
        }
    }

    public Task<KeyValue> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Create, key, value, 0, cancellationToken);

    public Task<KeyValue> UpdateAsync(string key, byte[] value, long expectedModRevision, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Update, key, value, expectedModRevision, cancellationToken);

    public Task<KeyValue> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Delete, key, null, expectedModRevision, cancellationToken);

    public IAsyncEnumerable<StoreEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default, bool progressNotify = false) =>
        WatchStream.RunAsync(_broadcaster, ReadHistory, () => CompactedRevision, prefix, afterRevision, progressNotify, cancellationToken);

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (revision > _revision)
            {
                throw new FutureRevisionException(revision, _revision);
            }
            if (revision <= _compacted)
            {
                return Task.CompletedTask;
            }
            foreach (var key in _keys.Keys.ToList())
            {
                var history = _keys[key];
                history.Compact(revision);
                if (history.IsEmpty)
                {
                    _keys.Remove(key);
                }
            }
            _log.RemoveAll(e => e.Revision <= revision);
            Volatile.Write(ref _compacted, revision);
            return Task.CompletedTask;
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _disposed = true;
        }
        _broadcaster.Close();
        return ValueTask.CompletedTask;
    }

    private Task<KeyValue> Write(WriteKind kind, string key, byte[]? value, long expectedModRevision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<KeyValue>(cancellationToken);
        }
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = LiveValue(key);
            if (WritePrecondition.Check(kind, key, current, expectedModRevision) is { } failure)
            {
                return Task.FromException<KeyValue>(failure);
            }
            return Task.FromResult(Apply(key, value is null ? null : (byte[])value.Clone(), current));
        }
    }

    private KeyValue Apply(string key, byte[]? value, KeyValue? current)
    {
        var revision = ++_revision;
        var createRevision = current?.CreateRevision ?? revision;
        if (!_keys.TryGetValue(key, out var history))
        {
            _keys[key] = history = new KeyHistory();
        }
        history.Add(new KeyVersion(revision, createRevision, value));
        var e = value is null
            ? new StoreEvent(StoreEventType.Delete, key, null, current!.Value, revision, createRevision)
            : new StoreEvent(StoreEventType.Put, key, value, current?.Value, revision, createRevision);
        _log.Add(e);
        _broadcaster.Publish([e], revision);
        var result = value ?? current!.Value;
        return new KeyValue(key, (byte[])result.Clone(), createRevision, revision);
    }

    private KeyValue? LiveValue(string key) =>
        _keys.TryGetValue(key, out var history) && history.Latest is { Value: { } value } latest
            ? new KeyValue(key, (byte[])value.Clone(), latest.CreateRevision, latest.Revision)
            : null;

    private async IAsyncEnumerable<StoreEvent> ReadHistory(string prefix, long afterRevision, long toRevision,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<StoreEvent> events;
        lock (_lock)
        {
            if (afterRevision < _compacted)
            {
                throw new CompactedException(afterRevision + 1, _compacted);
            }
            events = _log.Where(e => e.Revision > afterRevision && e.Revision <= toRevision && KeyRange.Matches(e.Key, prefix)).ToList();
        }
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
