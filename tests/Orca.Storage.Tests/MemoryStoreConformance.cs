using Orca.Storage.Memory;

namespace Orca.Storage.Tests;

public sealed class MemoryStoreConformance : StoreConformance
{
    protected override Task<IKeyValueStore> OpenEmptyStoreAsync(int watchBufferSize) =>
        Task.FromResult<IKeyValueStore>(new MemoryStore(watchBufferSize));
}
