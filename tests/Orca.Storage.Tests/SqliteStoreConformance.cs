using Orca.Storage.Sqlite;

namespace Orca.Storage.Tests;

public sealed class SqliteStoreConformance : StoreConformance
{
    private readonly TempDatabase _files = new();

    protected override async Task<IKeyValueStore> OpenEmptyStoreAsync(int watchBufferSize) =>
        await SqliteStore.OpenAsync(_files.NewPath(), new SqliteStoreOptions { WatchBufferSize = watchBufferSize, ReplayPageSize = 7 });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _files.Dispose();
    }
}
