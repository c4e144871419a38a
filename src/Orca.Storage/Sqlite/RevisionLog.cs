using Microsoft.Data.Sqlite;

namespace Orca.Storage.Sqlite;

/// <summary>
/// The writer's statements against the revision log, prepared once and reused. Owned by the
/// writer loop: not thread-safe.
/// </summary>
internal sealed class RevisionLog : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _latest;
    private readonly SqliteCommand _insert;

    public RevisionLog(SqliteConnection connection)
    {
        _connection = connection;
        _latest = connection.CreateCommand();
        _latest.CommandText = "SELECT id, deleted, create_revision, value FROM kv WHERE name = $name ORDER BY id DESC LIMIT 1";
        _latest.Parameters.Add("$name", SqliteType.Text);
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, value, old_value)
            VALUES ($id, $name, $created, $deleted, $create_revision, $prev_revision, $value, $old_value)
            """;
        foreach (var name in (string[])["$id", "$name", "$created", "$deleted", "$create_revision", "$prev_revision", "$value", "$old_value"])
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    public SqliteTransaction Begin() => _connection.BeginTransaction();

    /// <summary>The live value of <paramref name="name"/> as committed (earlier writes of the open transaction included).</summary>
    public KeyValue? Latest(string name, SqliteTransaction transaction)
    {
        _latest.Transaction = transaction;
        _latest.Parameters[0].Value = name;
        using var reader = _latest.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(1) != 0)
        {
            return null;
        }
        return new KeyValue(name, (byte[])reader.GetValue(3), reader.GetInt64(2), reader.GetInt64(0));
    }

    /// <summary>Appends the row of one write at <paramref name="revision"/>. <paramref name="value"/> null = delete.</summary>
    public void Append(long revision, string name, byte[]? value, KeyValue? previous, SqliteTransaction transaction)
    {
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        p[0].Value = revision;
        p[1].Value = name;
        p[2].Value = previous is null ? 1 : 0;
        p[3].Value = value is null ? 1 : 0;
        p[4].Value = previous?.CreateRevision ?? revision;
        p[5].Value = previous?.ModRevision ?? 0;
        p[6].Value = (object?)value ?? DBNull.Value;
        p[7].Value = (object?)previous?.Value ?? DBNull.Value;
        _insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Removes every row no read at or after <paramref name="revision"/> can see — rows superseded by
    /// a newer row of the same name at or below it, and tombstones at or below it — and records the
    /// compacted revision, in one transaction.
    /// </summary>
    public void Compact(long revision)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM kv WHERE id <= $rev AND (deleted = 1 OR id < (
                SELECT MAX(newer.id) FROM kv AS newer WHERE newer.name = kv.name AND newer.id <= $rev));
            INSERT INTO meta (key, value) VALUES ($key, $rev) ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            """;
        command.Parameters.AddWithValue("$rev", revision);
        command.Parameters.AddWithValue("$key", SqliteDatabase.CompactRevisionKey);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Dispose()
    {
        _latest.Dispose();
        _insert.Dispose();
    }
}
