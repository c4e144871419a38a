using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Orca.Storage.Sqlite;

/// <summary>Reads: each runs on a pooled read connection in one snapshot (a deferred read transaction).</summary>
public sealed partial class SqliteStore
{
    private const string LatestPerName = """
        SELECT k.name, k.value, k.create_revision, k.id
        FROM (SELECT MAX(id) AS id FROM kv
              WHERE name >= $lo AND name < $hi AND name > $after AND id <= $rev
              GROUP BY name) AS m
        JOIN kv AS k ON k.id = m.id
        WHERE k.deleted = 0
        ORDER BY k.name
        LIMIT $limit
        """;

    private const string CountLive = """
        SELECT COUNT(*)
        FROM (SELECT MAX(id) AS id FROM kv WHERE name >= $lo AND name < $hi GROUP BY name) AS m
        JOIN kv AS k ON k.id = m.id
        WHERE k.deleted = 0
        """;

    private const string HistoryPage = """
        SELECT id, name, created, deleted, create_revision, value, old_value FROM kv
        WHERE id > $after AND id <= $to AND name >= $lo AND name < $hi
        ORDER BY id
        LIMIT $limit
        """;

    public async Task<KeyValue?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        using var command = lease.Connection.CreateCommand();
        command.CommandText = "SELECT id, deleted, create_revision, value FROM kv WHERE name = $name ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$name", key);
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt64(1) == 0
            ? new KeyValue(key, (byte[])reader.GetValue(3), reader.GetInt64(2), reader.GetInt64(0))
            : null;
    }

    public async Task<ListResult> ListAsync(string prefix, long revision = 0, string? startAfterKey = null, int limit = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var current = CurrentRevision;
        var at = revision == 0 ? current : revision;
        if (at > current)
        {
            throw new FutureRevisionException(at, current);
        }
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = lease.Connection.BeginTransaction(deferred: true);
        ThrowIfCompacted(lease.Connection, transaction, at);
        using var command = PrefixCommand(lease.Connection, transaction, LatestPerName, prefix);
        command.Parameters.AddWithValue("$after", startAfterKey ?? "");
        command.Parameters.AddWithValue("$rev", at);
        command.Parameters.AddWithValue("$limit", limit == 0 ? -1 : limit + 1L);
        var items = new List<KeyValue>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                items.Add(new KeyValue(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }
        var more = limit > 0 && items.Count > limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }
        return new ListResult(items, at, more);
    }

    public async Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        using var command = PrefixCommand(lease.Connection, null, CountLive, prefix);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Replays the log between two revisions page by page, renting a connection per page so a slow
    /// consumer holds none. Throws <see cref="CompactedException"/> if a compaction removed rows not yet replayed.
    /// </summary>
    private async IAsyncEnumerable<StoreEvent> ReadHistoryAsync(string prefix, long afterRevision, long toRevision,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var last = afterRevision;
        while (last < toRevision)
        {
            var page = await ReadHistoryPageAsync(prefix, last, toRevision, cancellationToken).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }
            last = page.Count < _options.ReplayPageSize ? toRevision : page[^1].Revision;
        }
    }

    private async Task<List<StoreEvent>> ReadHistoryPageAsync(string prefix, long afterRevision, long toRevision, CancellationToken cancellationToken)
    {
        using var lease = await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = lease.Connection.BeginTransaction(deferred: true);
        ThrowIfCompacted(lease.Connection, transaction, afterRevision);
        using var command = PrefixCommand(lease.Connection, transaction, HistoryPage, prefix);
        command.Parameters.AddWithValue("$after", afterRevision);
        command.Parameters.AddWithValue("$to", toRevision);
        command.Parameters.AddWithValue("$limit", _options.ReplayPageSize);
        using var reader = command.ExecuteReader();
        var page = new List<StoreEvent>();
        while (reader.Read())
        {
            page.Add(ToEvent(reader));
        }
        return page;
    }

    private static StoreEvent ToEvent(SqliteDataReader row)
    {
        var name = row.GetString(1);
        var revision = row.GetInt64(0);
        var createRevision = row.GetInt64(4);
        var old = row.IsDBNull(6) ? null : (byte[])row.GetValue(6);
        return row.GetInt64(3) != 0
            ? new StoreEvent(StoreEventType.Delete, name, null, old, revision, createRevision)
            : new StoreEvent(StoreEventType.Put, name, (byte[])row.GetValue(5), row.GetInt64(2) != 0 ? null : old, revision, createRevision);
    }

    /// <summary>Checks against the compacted revision of the same snapshot the query will read.</summary>
    private static void ThrowIfCompacted(SqliteConnection connection, SqliteTransaction transaction, long revision)
    {
        var compacted = SqliteDatabase.ReadCompactRevision(connection, transaction);
        if (revision < compacted)
        {
            throw new CompactedException(revision, compacted);
        }
    }

    private static SqliteCommand PrefixCommand(SqliteConnection connection, SqliteTransaction? transaction, string sql, string prefix)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$lo", prefix);
        command.Parameters.AddWithValue("$hi", SqliteDatabase.UpperBoundParameter(prefix));
        return command;
    }
}
