namespace Orca.Storage.Tests;

/// <summary>A directory for SQLite files, deleted with everything in it (WAL and SHM included) on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orca-storage-").FullName;
    private int _next;

    /// <summary>A fresh file path in the directory.</summary>
    public string NewPath() => Path.Combine(_directory, $"store{Interlocked.Increment(ref _next)}.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
