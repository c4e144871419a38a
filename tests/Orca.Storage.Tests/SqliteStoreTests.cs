using System.Text;
using Orca.Storage.Sqlite;

namespace Orca.Storage.Tests;

/// <summary>What only the file-backed store promises: data and revisions survive closing and reopening.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempDatabase _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Reopen_KeepsDataAndContinuesAtLatestRevision()
    {
        var path = _files.NewPath();
        await using (var store = await SqliteStore.OpenAsync(path))
        {
            var a = await store.CreateAsync("/r/a", Encoding.UTF8.GetBytes("a1"));
            await store.UpdateAsync("/r/a", Encoding.UTF8.GetBytes("a2"), a.ModRevision);
            await store.CreateAsync("/r/b", Encoding.UTF8.GetBytes("b1"));
            await store.DeleteAsync("/r/b");
        }
        await using (var store = await SqliteStore.OpenAsync(path))
        {
            Assert.Equal(4, store.CurrentRevision);
            var a = await store.GetAsync("/r/a");
            Assert.Equal(("a2", 1L, 2L), (Encoding.UTF8.GetString(a!.Value), a.CreateRevision, a.ModRevision));
            Assert.Null(await store.GetAsync("/r/b"));
            Assert.Equal(["/r/a", "/r/b"], (await store.ListAsync("/r/", 3)).Items.Select(i => i.Key));
            Assert.Equal(5, (await store.CreateAsync("/r/c", [1])).ModRevision);
        }
    }

    [Fact]
    public async Task Reopen_AfterCompactionRemovedTheNewestRow_KeepsRevisionAndCompaction()
    {
        var path = _files.NewPath();
        await using (var store = await SqliteStore.OpenAsync(path))
        {
            await store.CreateAsync("/r/a", [1]);
            await store.CreateAsync("/r/b", [2]);
            await store.DeleteAsync("/r/b");
            await store.CompactAsync(3);
        }
        await using (var store = await SqliteStore.OpenAsync(path))
        {
            Assert.Equal((3L, 3L), (store.CurrentRevision, store.CompactedRevision));
            await Assert.ThrowsAsync<CompactedException>(() => store.ListAsync("/r/", 2));
            Assert.Equal(4, (await store.CreateAsync("/r/b", [3])).CreateRevision);
        }
    }

    [Fact]
    public async Task Dispose_CompletesQueuedWritesFirst()
    {
        var path = _files.NewPath();
        Task<KeyValue>[] writes;
        await using (var store = await SqliteStore.OpenAsync(path))
        {
            writes = Enumerable.Range(0, 200).Select(i => store.CreateAsync($"/d/{i:D3}", [1])).ToArray();
        }
        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        await using var reopened = await SqliteStore.OpenAsync(path);
        Assert.Equal(200, await reopened.CountAsync("/d/"));
    }

    [Fact]
    public async Task Batch_FailedPreconditionFailsOnlyItsOwnWrite()
    {
        await using var store = await SqliteStore.OpenAsync(_files.NewPath(), new SqliteStoreOptions { MaxBatchSize = 1000 });
        var writes = Enumerable.Range(0, 50).Select(i => store.CreateAsync($"/k/{i % 10}", [(byte)i])).ToArray();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                return (await w).ModRevision;
            }
            catch (KeyExistsException)
            {
                return -1;
            }
        }));
        Assert.Equal(10, outcomes.Count(r => r > 0));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), outcomes.Where(r => r > 0).Order());
        Assert.Equal(10, store.CurrentRevision);
    }

    [Fact]
    public async Task Open_RejectsInvalidOptions()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SqliteStore.OpenAsync(_files.NewPath(), new SqliteStoreOptions { MaxBatchSize = 0 }));
    }
}
