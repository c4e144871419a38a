using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Orca.Storage.Sqlite;

/// <summary>
/// A fixed number of read connections, opened lazily and reused. Thread-safe. A renter owns its
/// connection until it disposes the lease; renters beyond the limit wait.
/// </summary>
internal sealed class ReaderPool(Func<SqliteConnection> open, int size) : IDisposable
{
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private readonly SemaphoreSlim _slots = new(size, size);
    private volatile bool _disposed;

    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new Lease(this, _idle.TryTake(out var connection) ? connection : open());
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private void Return(SqliteConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
        }
        else
        {
            _idle.Add(connection);
        }
        _slots.Release();
    }

    public readonly struct Lease(ReaderPool pool, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => pool.Return(Connection);
    }
}
