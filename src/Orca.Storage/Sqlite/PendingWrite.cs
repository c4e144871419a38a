namespace Orca.Storage.Sqlite;

/// <summary>A request queued for the writer loop. Its task completes after the commit that contains it.</summary>
internal abstract class WriterRequest(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;
}

/// <summary>One create, update or delete. <see cref="Value"/> is null for a delete.</summary>
internal sealed class PendingWrite(WriteKind kind, string key, byte[]? value, long expectedModRevision, CancellationToken cancellationToken)
    : WriterRequest(cancellationToken)
{
    public WriteKind Kind { get; } = kind;
    public string Key { get; } = key;
    public byte[]? Value { get; } = value;
    public long ExpectedModRevision { get; } = expectedModRevision;
    public TaskCompletionSource<KeyValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class PendingCompaction(long revision, CancellationToken cancellationToken) : WriterRequest(cancellationToken)
{
    public long Revision { get; } = revision;
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
