namespace Orca.Storage.Sqlite;

/// <summary>Tuning of a <see cref="SqliteStore"/>. The defaults suit a single-node control plane.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>Most writes committed in one transaction (group commit). Default 512.</summary>
    public int MaxBatchSize { get; init; } = 512;

    /// <summary>Events buffered per watcher; a watcher that falls further behind ends with <see cref="WatchOverflowException"/>. Default 10,000.</summary>
    public int WatchBufferSize { get; init; } = 10_000;

    /// <summary>Read connections kept open for Get/List/Count and watch replay; more readers wait. Default 4.</summary>
    public int ReaderConnections { get; init; } = 4;

    /// <summary>How long a connection waits for a lock held by another process before failing. Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows read per query when a watch replays history. Default 1,000.</summary>
    public int ReplayPageSize { get; init; } = 1_000;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting. <c>FULL</c> (default) makes an acknowledged write survive
    /// a crash of the process and of the machine; <c>NORMAL</c> only survives a process crash.
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    public static SqliteStoreOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a setting out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReaderConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplayPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.Zero);
    }
}

public enum SqliteSynchronous { Normal, Full }
