using System.Threading.Channels;

namespace Orca.Storage.Sqlite;

/// <summary>
/// The single writer of a <see cref="SqliteStore"/>. Callers enqueue requests from any thread; one
/// loop takes everything pending (up to the batch limit), applies it in ONE transaction and commits
/// once, so concurrent writers share the cost of the fsync (group commit).
///
/// Each write's precondition is judged against the latest state including the earlier writes of
/// the same batch, so a batch behaves exactly like the same writes applied one by one. A failed
/// precondition fails only its own write. If the transaction itself fails (I/O), every write of the
/// batch fails with that error and the revision does not move. Revisions and the published
/// events are updated only after the commit, before callers' tasks complete.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<WriterRequest> _queue = Channel.CreateUnbounded<WriterRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RevisionLog _log;
    private readonly int _maxBatchSize;
    private readonly Action<IReadOnlyList<StoreEvent>, long> _onCommitted;
    private readonly Task _loop;
    private long _revision;
    private long _compactedRevision;

    /// <param name="onCommitted">Called on the writer loop after each commit with the batch's events and its last revision; must not block.</param>
    public GroupCommitWriter(RevisionLog log, long revision, long compactedRevision, int maxBatchSize,
        Action<IReadOnlyList<StoreEvent>, long> onCommitted)
    {
        _log = log;
        _revision = revision;
        _compactedRevision = compactedRevision;
        _maxBatchSize = maxBatchSize;
        _onCommitted = onCommitted;
        _loop = Task.Run(RunAsync);
    }

    public long Revision => Volatile.Read(ref _revision);

    public long CompactedRevision => Volatile.Read(ref _compactedRevision);

    public Task<KeyValue> WriteAsync(WriteKind kind, string key, byte[]? value, long expectedModRevision, CancellationToken cancellationToken)
    {
        var request = new PendingWrite(kind, key, value, expectedModRevision, cancellationToken);
        Enqueue(request);
        return request.Completion.Task;
    }

    public Task CompactAsync(long revision, CancellationToken cancellationToken)
    {
        var request = new PendingCompaction(revision, cancellationToken);
        Enqueue(request);
        return request.Completion.Task;
    }

    /// <summary>Stops accepting requests, lets the loop finish every queued one, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _log.Dispose();
    }

    private void Enqueue(WriterRequest request)
    {
        if (!_queue.Writer.TryWrite(request))
        {
            throw new ObjectDisposedException(nameof(SqliteStore));
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var request))
            {
                if (request is PendingWrite write)
                {
                    batch.Add(write);
                    continue;
                }
                CommitBatch(batch);
                batch.Clear();
                Compact((PendingCompaction)request);
            }
            CommitBatch(batch);
            batch.Clear();
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var outcomes = new object?[batch.Count];
        var events = new List<StoreEvent>(batch.Count);
        var revision = Revision;
        try
        {
            using var transaction = _log.Begin();
            var overlay = new Dictionary<string, KeyValue?>(StringComparer.Ordinal);
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                if (write.CancellationToken.IsCancellationRequested)
                {
                    outcomes[i] = new OperationCanceledException(write.CancellationToken);
                    continue;
                }
                var current = overlay.TryGetValue(write.Key, out var pending) ? pending : _log.Latest(write.Key, transaction);
                if (WritePrecondition.Check(write.Kind, write.Key, current, write.ExpectedModRevision) is { } failure)
                {
                    outcomes[i] = failure;
                    continue;
                }
                revision++;
                _log.Append(revision, write.Key, write.Value, current, transaction);
                var (result, change) = Describe(write, current, revision);
                overlay[write.Key] = write.Value is null ? null : result;
                outcomes[i] = result;
                events.Add(change);
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var write in batch)
            {
                write.Completion.TrySetException(e);
            }
            return;
        }
        Volatile.Write(ref _revision, revision);
        if (events.Count > 0)
        {
            _onCommitted(events, revision);
        }
        for (var i = 0; i < batch.Count; i++)
        {
            _ = outcomes[i] is KeyValue value ? batch[i].Completion.TrySetResult(value) : batch[i].Completion.TrySetException((Exception)outcomes[i]!);
        }
    }

    /// <summary>The caller's result and the watch event of an applied write.</summary>
    private static (KeyValue Result, StoreEvent Change) Describe(PendingWrite write, KeyValue? current, long revision)
    {
        var createRevision = current?.CreateRevision ?? revision;
        if (write.Value is null)
        {
            return (current! with { ModRevision = revision },
                new StoreEvent(StoreEventType.Delete, write.Key, null, current!.Value, revision, createRevision));
        }
        return (new KeyValue(write.Key, write.Value, createRevision, revision),
            new StoreEvent(StoreEventType.Put, write.Key, write.Value, current?.Value, revision, createRevision));
    }

    private void Compact(PendingCompaction request)
    {
        try
        {
            var current = Revision;
            if (request.Revision > current)
            {
                throw new FutureRevisionException(request.Revision, current);
            }
            if (request.Revision > CompactedRevision)
            {
                _log.Compact(request.Revision);
                Volatile.Write(ref _compactedRevision, request.Revision);
            }
            request.Completion.TrySetResult();
        }
        catch (Exception e)
        {
            request.Completion.TrySetException(e);
        }
    }
}
