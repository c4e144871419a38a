namespace Orca.Storage.Tests;

public abstract partial class StoreConformance
{
    /// <summary>Reads exactly <paramref name="count"/> events, failing if they do not arrive before the deadline.</summary>
    protected static async Task<List<StoreEvent>> CollectAsync(IAsyncEnumerable<StoreEvent> watch, int count)
    {
        using var timeout = Timeout();
        var events = new List<StoreEvent>();
        await using var enumerator = watch.GetAsyncEnumerator(timeout.Token);
        while (events.Count < count && await enumerator.MoveNextAsync())
        {
            events.Add(enumerator.Current);
        }
        Assert.True(events.Count == count, $"watch delivered {events.Count} of {count} events before the deadline");
        return events;
    }

    [Fact]
    public async Task Watch_FromCurrentRevision_SeesLaterChangesInOrderWithPrevValues()
    {
        await Store.CreateAsync("/unrelated", B("u"));
        var start = Store.CurrentRevision;
        await using var watch = Store.WatchAsync(Pods, start).GetAsyncEnumerator();
        var first = watch.MoveNextAsync();

        var a = await Store.CreateAsync(Pods + "a", B("a1"));
        await Store.CreateAsync("/unrelated2", B("u"));
        await Store.UpdateAsync(Pods + "a", B("a2"), a.ModRevision);
        await Store.DeleteAsync(Pods + "a");

        var events = new List<StoreEvent>();
        using var timeout = Timeout();
        Assert.True(await first.AsTask().WaitAsync(timeout.Token));
        events.Add(watch.Current);
        while (events.Count < 3 && await watch.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            events.Add(watch.Current);
        }
        Assert.Equal(
            [
                (StoreEventType.Put, "a1", "<null>", 2L, 2L, true),
                (StoreEventType.Put, "a2", "a1", 4L, 2L, false),
                (StoreEventType.Delete, "<null>", "a2", 5L, 2L, false),
            ],
            events.Select(e => (e.Type, S(e.Value), S(e.PrevValue), e.Revision, e.CreateRevision, e.IsCreate)));
        Assert.All(events, e => Assert.Equal(Pods + "a", e.Key));
    }

    [Fact]
    public async Task Watch_FromOlderRevision_ReplaysThenContinuesWithoutGapsWhileWriting()
    {
        const int Before = 50;
        const int During = 300;
        for (var i = 0; i < Before; i++)
        {
            await Store.CreateAsync($"{Pods}old{i}", B("x"));
        }
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < During; i++)
            {
                await Store.CreateAsync($"{Pods}new{i}", B("y"));
            }
        });
        var events = await CollectAsync(Store.WatchAsync(Pods, 10), Before + During - 10);
        await writer;
        Assert.Equal(Enumerable.Range(11, Before + During - 10).Select(i => (long)i), events.Select(e => e.Revision));
        Assert.All(events, e => Assert.True(e.IsCreate));
    }

    [Fact]
    public async Task Watch_FromZero_ReplaysWholeHistory()
    {
        var a = await Store.CreateAsync(Pods + "a", B("a1"));
        await Store.UpdateAsync(Pods + "a", B("a2"), a.ModRevision);
        await Store.DeleteAsync(Pods + "a");
        var events = await CollectAsync(Store.WatchAsync(Pods, 0), 3);
        Assert.Equal(
            [(StoreEventType.Put, "<null>", 1L), (StoreEventType.Put, "a1", 2L), (StoreEventType.Delete, "a2", 3L)],
            events.Select(e => (e.Type, S(e.PrevValue), e.Revision)));
    }

    [Fact]
    public async Task Watch_FromCompactedRevision_Throws()
    {
        var a = await Store.CreateAsync(Pods + "a", B("a1"));
        await Store.UpdateAsync(Pods + "a", B("a2"), a.ModRevision);
        await Store.CreateAsync(Pods + "b", B("b1"));
        await Store.CompactAsync(2);
        await Assert.ThrowsAsync<CompactedException>(async () => await CollectAsync(Store.WatchAsync(Pods, 1), 1));
        var events = await CollectAsync(Store.WatchAsync(Pods, 2), 1);
        Assert.Equal(Pods + "b", events[0].Key);
    }

    [Fact]
    public async Task Watch_EndsWhenCancelled()
    {
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.WatchAsync(Pods, 0, cancel.Token).GetAsyncEnumerator();
        var next = watch.MoveNextAsync();
        cancel.Cancel();
        using var timeout = Timeout();
        Assert.False(await next.AsTask().WaitAsync(timeout.Token));
    }

    [Fact]
    public async Task Watch_EndsWhenStoreIsDisposed()
    {
        await using var watch = Store.WatchAsync(Pods, 0).GetAsyncEnumerator();
        var next = watch.MoveNextAsync();
        await Store.DisposeAsync();
        using var timeout = Timeout();
        Assert.False(await next.AsTask().WaitAsync(timeout.Token));
    }

    [Fact]
    public async Task Watch_ThatFallsBehind_DeliversWhatItBufferedThenThrowsOverflow()
    {
        var store = await OpenAsync(watchBufferSize: 4);
        await using var watch = store.WatchAsync(Pods, 0).GetAsyncEnumerator();
        var first = watch.MoveNextAsync();
        for (var i = 0; i < 20; i++)
        {
            await store.CreateAsync($"{Pods}k{i:D2}", B("v"));
        }
        using var timeout = Timeout();
        Assert.True(await first.AsTask().WaitAsync(timeout.Token));
        var revisions = new List<long> { watch.Current.Revision };
        await Assert.ThrowsAsync<WatchOverflowException>(async () =>
        {
            while (await watch.MoveNextAsync())
            {
                revisions.Add(watch.Current.Revision);
            }
        });
        Assert.Equal(Enumerable.Range(1, revisions.Count).Select(i => (long)i), revisions);
        Assert.InRange(revisions.Count, 1, 5);
    }
}
