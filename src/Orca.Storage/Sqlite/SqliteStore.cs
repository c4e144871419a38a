using Microsoft.Data.Sqlite;
using Orca.Storage.Watch;

namespace Orca.Storage.Sqlite;

/// <summary>
/// The embedded, durable <see cref="IKeyValueStore"/>: a single-table revision log in a SQLite file
/// (WAL, synchronous=FULL by default), one writer loop with group commit and a small pool of read
/// connections. Thread-safe. A write's task completes only after its transaction committed, so an
/// acknowledged write survives a crash of the process (and, with synchronous=FULL, of the machine).
/// Only one <see cref="SqliteStore"/> may have a file open at a time.
/// </summary>
public sealed partial class SqliteStore : IKeyValueStore
{
    private readonly string _path;
    private readonly SqliteStoreOptions _options;
    private readonly SqliteConnection _writerConnection;
    private readonly GroupCommitWriter _writer;
    private readonly ReaderPool _readers;
    private readonly WatchBroadcaster _broadcaster;
    private int _disposed;

    private SqliteStore(string path, SqliteStoreOptions options, SqliteConnection writerConnection)
    {
        _path = path;
        _options = options;
        _writerConnection = writerConnection;
        var compacted = SqliteDatabase.ReadCompactRevision(writerConnection, null);
        var revision = Math.Max(SqliteDatabase.ReadMaxRevision(writerConnection), compacted);
        _broadcaster = new WatchBroadcaster(revision, options.WatchBufferSize);
        _readers = new ReaderPool(() => SqliteDatabase.OpenReader(_path, _options), options.ReaderConnections);
        _writer = new GroupCommitWriter(new RevisionLog(writerConnection), revision, compacted, options.MaxBatchSize, _broadcaster.Publish);
    }

    /// <summary>
    /// Opens the store in the file at <paramref name="path"/>, creating the file and its schema when
    /// missing; an existing file continues at its latest revision. Throws <see cref="SqliteException"/>
    /// when the file cannot be opened or is not a store.
    /// </summary>
    public static Task<SqliteStore> OpenAsync(string path, SqliteStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= SqliteStoreOptions.Default;
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() =>
        {
            var connection = SqliteDatabase.OpenWriter(path, options);
            try
            {
                return new SqliteStore(path, options, connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }, cancellationToken);
    }

    public long CurrentRevision => _writer.Revision;

    public long CompactedRevision => _writer.CompactedRevision;

    public Task<KeyValue> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Create, key, value, 0, cancellationToken);

    public Task<KeyValue> UpdateAsync(string key, byte[] value, long expectedModRevision, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Update, key, value, expectedModRevision, cancellationToken);

    public Task<KeyValue> DeleteAsync(string key, long expectedModRevision = 0, CancellationToken cancellationToken = default) =>
        Write(WriteKind.Delete, key, null, expectedModRevision, cancellationToken);

    public Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        ThrowIfDisposed();
        return _writer.CompactAsync(revision, cancellationToken);
    }

    public IAsyncEnumerable<StoreEvent> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken = default, bool progressNotify = false)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return WatchStream.RunAsync(_broadcaster, ReadHistoryAsync, () => CompactedRevision, prefix, afterRevision, progressNotify, cancellationToken);
    }

    /// <summary>Finishes every queued write, ends all watches and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _writer.DisposeAsync().ConfigureAwait(false);
        _broadcaster.Close();
        _readers.Dispose();
        _writerConnection.Dispose();
    }

    private Task<KeyValue> Write(WriteKind kind, string key, byte[]? value, long expectedModRevision, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (kind != WriteKind.Delete)
        {
            ArgumentNullException.ThrowIfNull(value);
        }
        ThrowIfDisposed();
        return _writer.WriteAsync(kind, key, value, expectedModRevision, cancellationToken);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
