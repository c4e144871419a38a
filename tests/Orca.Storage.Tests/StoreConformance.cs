using System.Text;

namespace Orca.Storage.Tests;

/// <summary>
/// The contract of <see cref="IKeyValueStore"/>, run against every implementation. A subclass only
/// says how to open a fresh, empty store.
/// </summary>
public abstract partial class StoreConformance : IAsyncLifetime
{
    protected const string Pods = "/registry/pods/";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly List<IKeyValueStore> _opened = [];

    /// <summary>Opens a new, empty store whose watchers buffer <paramref name="watchBufferSize"/> events.</summary>
    protected abstract Task<IKeyValueStore> OpenEmptyStoreAsync(int watchBufferSize);

    protected IKeyValueStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await OpenAsync(10_000);

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    protected async Task<IKeyValueStore> OpenAsync(int watchBufferSize)
    {
        var store = await OpenEmptyStoreAsync(watchBufferSize);
        _opened.Add(store);
        return store;
    }

    protected static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    protected static string S(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);

    protected static CancellationTokenSource Timeout() => new(Deadline);

    [Fact]
    public async Task EmptyStore_StartsAtRevisionZero()
    {
        Assert.Equal(0, Store.CurrentRevision);
        Assert.Equal(0, Store.CompactedRevision);
        Assert.Null(await Store.GetAsync(Pods + "a"));
        Assert.Empty((await Store.ListAsync(Pods)).Items);
    }

    [Fact]
    public async Task Revisions_IncreaseByOnePerWrite_AcrossKeys()
    {
        var a = await Store.CreateAsync(Pods + "a", B("1"));
        var b = await Store.CreateAsync("/other/b", B("1"));
        var a2 = await Store.UpdateAsync(Pods + "a", B("2"), a.ModRevision);
        var deleted = await Store.DeleteAsync("/other/b");
        Assert.Equal([1L, 2, 3, 4], [a.ModRevision, b.ModRevision, a2.ModRevision, deleted.ModRevision]);
        Assert.Equal(4, Store.CurrentRevision);
        Assert.Equal(1, a2.CreateRevision);
    }

    [Fact]
    public async Task Create_ReturnsValueAndRevisions()
    {
        var created = await Store.CreateAsync(Pods + "a", B("v1"));
        Assert.Equal((Pods + "a", "v1", 1L, 1L), (created.Key, S(created.Value), created.CreateRevision, created.ModRevision));
        var read = await Store.GetAsync(Pods + "a");
        Assert.Equal(("v1", 1L, 1L), (S(read!.Value), read.CreateRevision, read.ModRevision));
    }

    [Fact]
    public async Task Create_OnExistingKey_ThrowsKeyExistsAndChangesNothing()
    {
        await Store.CreateAsync(Pods + "a", B("v1"));
        await Assert.ThrowsAsync<KeyExistsException>(() => Store.CreateAsync(Pods + "a", B("v2")));
        Assert.Equal(1, Store.CurrentRevision);
        Assert.Equal("v1", S((await Store.GetAsync(Pods + "a"))!.Value));
    }

    [Fact]
    public async Task Update_WithMatchingRevision_ReplacesValueAndKeepsCreateRevision()
    {
        await Store.CreateAsync("/x", B("0"));
        var created = await Store.CreateAsync(Pods + "a", B("v1"));
        var updated = await Store.UpdateAsync(Pods + "a", B("v2"), created.ModRevision);
        Assert.Equal(("v2", 2L, 3L), (S(updated.Value), updated.CreateRevision, updated.ModRevision));
        var read = await Store.GetAsync(Pods + "a");
        Assert.Equal(("v2", 2L, 3L), (S(read!.Value), read.CreateRevision, read.ModRevision));
    }

    [Fact]
    public async Task Update_WithStaleRevision_ThrowsConflictCarryingCurrentValue()
    {
        var created = await Store.CreateAsync(Pods + "a", B("v1"));
        await Store.UpdateAsync(Pods + "a", B("v2"), created.ModRevision);
        var conflict = await Assert.ThrowsAsync<RevisionConflictException>(() => Store.UpdateAsync(Pods + "a", B("v3"), created.ModRevision));
        Assert.Equal(("v2", 2L), (S(conflict.Current.Value), conflict.Current.ModRevision));
        Assert.Equal(2, Store.CurrentRevision);
        Assert.Equal("v2", S((await Store.GetAsync(Pods + "a"))!.Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Update_OfMissingKey_ThrowsNotFound(bool existedBefore)
    {
        if (existedBefore)
        {
            var created = await Store.CreateAsync(Pods + "a", B("v1"));
            await Store.DeleteAsync(Pods + "a", created.ModRevision);
        }
        var before = Store.CurrentRevision;
        await Assert.ThrowsAsync<KeyNotFoundStoreException>(() => Store.UpdateAsync(Pods + "a", B("v2"), 1));
        Assert.Equal(before, Store.CurrentRevision);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Delete_ReturnsLastValueAtDeleteRevision_AndKeyIsGone(bool withExpectedRevision)
    {
        var created = await Store.CreateAsync(Pods + "a", B("v1"));
        var deleted = await Store.DeleteAsync(Pods + "a", withExpectedRevision ? created.ModRevision : 0);
        Assert.Equal((Pods + "a", "v1", 1L, 2L), (deleted.Key, S(deleted.Value), deleted.CreateRevision, deleted.ModRevision));
        Assert.Null(await Store.GetAsync(Pods + "a"));
        Assert.Empty((await Store.ListAsync(Pods)).Items);
        Assert.Equal(0, await Store.CountAsync(Pods));
    }

    [Fact]
    public async Task Delete_WithStaleRevision_ThrowsConflictAndKeepsKey()
    {
        var created = await Store.CreateAsync(Pods + "a", B("v1"));
        await Store.UpdateAsync(Pods + "a", B("v2"), created.ModRevision);
        var conflict = await Assert.ThrowsAsync<RevisionConflictException>(() => Store.DeleteAsync(Pods + "a", created.ModRevision));
        Assert.Equal("v2", S(conflict.Current.Value));
        Assert.NotNull(await Store.GetAsync(Pods + "a"));
        Assert.Equal(2, Store.CurrentRevision);
    }

    [Fact]
    public async Task Delete_OfMissingKey_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundStoreException>(() => Store.DeleteAsync(Pods + "a"));
        Assert.Equal(0, Store.CurrentRevision);
    }

    [Fact]
    public async Task Recreate_AfterDelete_GetsNewCreateRevision()
    {
        await Store.CreateAsync(Pods + "a", B("v1"));
        await Store.DeleteAsync(Pods + "a");
        var again = await Store.CreateAsync(Pods + "a", B("v2"));
        Assert.Equal((3L, 3L), (again.CreateRevision, again.ModRevision));
    }

    [Fact]
    public async Task List_ReturnsKeysWithPrefixInKeyOrder()
    {
        foreach (var name in (string[])["c", "a", "b/x", "b"])
        {
            await Store.CreateAsync(Pods + name, B(name));
        }
        await Store.CreateAsync("/registry/services/a", B("s"));
        var list = await Store.ListAsync(Pods);
        Assert.Equal([Pods + "a", Pods + "b", Pods + "b/x", Pods + "c"], list.Items.Select(i => i.Key));
        Assert.Equal(["a", "b", "b/x", "c"], list.Items.Select(i => S(i.Value)));
        Assert.Equal((5L, false), (list.Revision, list.More));
        Assert.Equal(5, (await Store.ListAsync("")).Items.Count);
    }

    public static TheoryData<int> PageSizes => new() { 1, 2, 3, 7, 10, 11 };

    [Theory]
    [MemberData(nameof(PageSizes))]
    public async Task List_Paging_WithStartAfterAndLimit_VisitsEveryKeyOnce(int pageSize)
    {
        var names = Enumerable.Range(0, 10).Select(i => $"{Pods}k{i:D2}").ToList();
        foreach (var name in names)
        {
            await Store.CreateAsync(name, B(name));
        }
        await Store.DeleteAsync(names[4]);
        var expected = names.Where((_, i) => i != 4).ToList();
        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Store.ListAsync(Pods, 0, after, pageSize);
            Assert.True(page.Items.Count <= pageSize);
            seen.AddRange(page.Items.Select(i => i.Key));
            Assert.Equal(seen.Count < expected.Count, page.More);
            if (!page.More)
            {
                break;
            }
            after = page.Items[^1].Key;
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task List_AtOlderRevision_ShowsTheStateThen()
    {
        var a = await Store.CreateAsync(Pods + "a", B("a1"));
        await Store.CreateAsync(Pods + "b", B("b1"));
        var then = Store.CurrentRevision;
        await Store.UpdateAsync(Pods + "a", B("a2"), a.ModRevision);
        await Store.DeleteAsync(Pods + "b");
        await Store.CreateAsync(Pods + "c", B("c1"));

        var old = await Store.ListAsync(Pods, then);
        Assert.Equal(then, old.Revision);
        Assert.Equal([(Pods + "a", "a1", 1L), (Pods + "b", "b1", 2L)], old.Items.Select(i => (i.Key, S(i.Value), i.ModRevision)));
        var now = await Store.ListAsync(Pods);
        Assert.Equal([(Pods + "a", "a2"), (Pods + "c", "c1")], now.Items.Select(i => (i.Key, S(i.Value))));
        var paged = await Store.ListAsync(Pods, then, Pods + "a", 1);
        Assert.Equal([Pods + "b"], paged.Items.Select(i => i.Key));
        Assert.False(paged.More);
    }

    [Fact]
    public async Task List_AtFutureRevision_Throws()
    {
        await Store.CreateAsync(Pods + "a", B("a1"));
        await Assert.ThrowsAsync<FutureRevisionException>(() => Store.ListAsync(Pods, Store.CurrentRevision + 1));
    }

    [Fact]
    public async Task Compact_ForgetsOlderRevisions_KeepsCurrentState()
    {
        var a = await Store.CreateAsync(Pods + "a", B("a1"));
        await Store.CreateAsync(Pods + "b", B("b1"));
        await Store.UpdateAsync(Pods + "a", B("a2"), a.ModRevision);
        await Store.DeleteAsync(Pods + "b");
        await Store.CreateAsync(Pods + "c", B("c1"));
        await Store.CompactAsync(4);

        Assert.Equal(4, Store.CompactedRevision);
        Assert.Equal(5, Store.CurrentRevision);
        var compacted = await Assert.ThrowsAsync<CompactedException>(() => Store.ListAsync(Pods, 3));
        Assert.Equal(4, compacted.Compacted);
        Assert.Equal([(Pods + "a", "a2")], (await Store.ListAsync(Pods, 4)).Items.Select(i => (i.Key, S(i.Value))));
        Assert.Equal([Pods + "a", Pods + "c"], (await Store.ListAsync(Pods)).Items.Select(i => i.Key));
        Assert.Null(await Store.GetAsync(Pods + "b"));
        Assert.Equal(2, await Store.CountAsync(Pods));
        var next = await Store.CreateAsync(Pods + "b", B("b2"));
        Assert.Equal((6L, 6L), (next.CreateRevision, next.ModRevision));
    }

    [Fact]
    public async Task Compact_IsIdempotent_AndRejectsFutureRevision()
    {
        await Store.CreateAsync(Pods + "a", B("a1"));
        await Store.CreateAsync(Pods + "b", B("b1"));
        await Store.CompactAsync(2);
        await Store.CompactAsync(1);
        Assert.Equal(2, Store.CompactedRevision);
        await Assert.ThrowsAsync<FutureRevisionException>(() => Store.CompactAsync(3));
        Assert.Equal(2, (await Store.ListAsync(Pods)).Items.Count);
    }

    [Fact]
    public async Task Count_CountsLiveKeysWithPrefix()
    {
        foreach (var name in (string[])["a", "b", "c"])
        {
            await Store.CreateAsync(Pods + name, B(name));
        }
        await Store.CreateAsync("/registry/podsx", B("x"));
        await Store.DeleteAsync(Pods + "b");
        Assert.Equal(2, await Store.CountAsync(Pods));
        Assert.Equal(3, await Store.CountAsync("/registry/pods"));
        Assert.Equal(0, await Store.CountAsync("/nothing/"));
    }

    [Fact]
    public async Task Prefix_DoesNotMatchSiblingWithLongerName()
    {
        await Store.CreateAsync("/registry/pods/a", B("a"));
        await Store.CreateAsync("/registry/podsx", B("x"));
        await Store.CreateAsync("/registry/pods0", B("0"));
        Assert.Equal(["/registry/pods/a"], (await Store.ListAsync("/registry/pods/")).Items.Select(i => i.Key));
        Assert.Equal(["/registry/podsx"], (await Store.ListAsync("/registry/podsx")).Items.Select(i => i.Key));
        var events = await CollectAsync(Store.WatchAsync("/registry/pods/", 0), 1);
        Assert.Equal(["/registry/pods/a"], events.Select(e => e.Key));
    }

    [Fact]
    public async Task ConcurrentCreates_AreAllAcknowledgedWithDistinctRevisions()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => Store.CreateAsync($"{Pods}p{i}", B($"v{i}")))));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), results.Select(r => r.ModRevision).Order());
        Assert.Equal(100, Store.CurrentRevision);
        Assert.Equal(100, await Store.CountAsync(Pods));
        foreach (var result in results)
        {
            Assert.Equal(S(result.Value), S((await Store.GetAsync(result.Key))!.Value));
        }
    }

    [Fact]
    public async Task ConcurrentUpdates_OfOneKey_ExactlyOneWinsPerRevision()
    {
        const int Clients = 8;
        const int Rounds = 5;
        var current = await Store.CreateAsync(Pods + "a", B("start"));
        for (var round = 0; round < Rounds; round++)
        {
            var expected = current.ModRevision;
            var attempts = await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                try
                {
                    return await Store.UpdateAsync(Pods + "a", B($"r{round}c{c}"), expected);
                }
                catch (RevisionConflictException conflict)
                {
                    Assert.Equal(expected + 1, conflict.Current.ModRevision);
                    return null;
                }
            })));
            current = Assert.Single(attempts, a => a is not null)!;
            Assert.Equal(expected + 1, current.ModRevision);
        }
        Assert.Equal(1 + Rounds, Store.CurrentRevision);
        Assert.Equal(S(current.Value), S((await Store.GetAsync(Pods + "a"))!.Value));
    }

    [Fact]
    public async Task StoredValues_AreNotAliasedWithReturnedArrays()
    {
        var created = await Store.CreateAsync(Pods + "a", B("v1"));
        var read = await Store.GetAsync(Pods + "a");
        read!.Value[0] = (byte)'X';
        Assert.Equal("v1", S((await Store.GetAsync(Pods + "a"))!.Value));
        Assert.Equal("v1", S((await Store.ListAsync(Pods)).Items[0].Value));
        Assert.Equal(1, created.ModRevision);
    }

    [Fact]
    public async Task Write_WithCancelledToken_FailsAndChangesNothing()
    {
        var created = await Store.CreateAsync(Pods + "a", B("v1"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CreateAsync(Pods + "b", B("v"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.UpdateAsync(Pods + "a", B("v2"), created.ModRevision, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.DeleteAsync(Pods + "a", 0, cancelled.Token));
        Assert.Equal(1, Store.CurrentRevision);
        Assert.Equal("v1", S((await Store.GetAsync(Pods + "a"))!.Value));
    }
}
