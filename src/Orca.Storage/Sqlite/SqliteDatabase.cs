using Microsoft.Data.Sqlite;

namespace Orca.Storage.Sqlite;

/// <summary>
/// The on-disk layout, after the single-table revision log of k3s-io/kine: every write is one row
/// of <c>kv</c> whose id is the store revision. A delete is a row with deleted = 1 that keeps the
/// last live value in old_value. The live value of a name is its row with the highest id, if not
/// deleted. <c>meta</c> records the compacted revision (and so also the current revision after a
/// compaction removed the newest rows).
/// </summary>
internal static class SqliteDatabase
{
    public const string CompactRevisionKey = "compact_revision";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS kv (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            value BLOB,
            old_value BLOB
        );
        CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        """;

    /// <summary>Opens the writer connection, creating file and schema when missing.</summary>
    public static SqliteConnection OpenWriter(string path, SqliteStoreOptions options)
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate, options);
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
        return connection;
    }

    /// <summary>Opens a connection that may only read.</summary>
    public static SqliteConnection OpenReader(string path, SqliteStoreOptions options)
    {
        var connection = Open(path, SqliteOpenMode.ReadWrite, options);
        Execute(connection, "PRAGMA query_only=1;");
        return connection;
    }

    /// <summary>The compacted revision as seen by <paramref name="transaction"/>'s snapshot.</summary>
    public static long ReadCompactRevision(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", CompactRevisionKey);
        return command.ExecuteScalar() is long value ? value : 0;
    }

    public static long ReadMaxRevision(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(id) FROM kv";
        return command.ExecuteScalar() is long value ? value : 0;
    }

    /// <summary>
    /// The upper bound of a prefix range as a query parameter. Without a text bound, a BLOB is used:
    /// SQLite orders every TEXT before every BLOB, so the range stays index-friendly and open-ended.
    /// </summary>
    public static object UpperBoundParameter(string prefix) => KeyRange.UpperBound(prefix) ?? (object)new byte[] { 0xFF };

    private static SqliteConnection Open(string path, SqliteOpenMode mode, SqliteStoreOptions options)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds};");
            Execute(connection, options.Synchronous == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
