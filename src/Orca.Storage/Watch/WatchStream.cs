using System.Runtime.CompilerServices;

namespace Orca.Storage.Watch;

/// <summary>Reads history between two revisions: events with afterRevision &lt; revision &lt;= toRevision under a prefix, in order.</summary>
internal delegate IAsyncEnumerable<StoreEvent> HistoryReader(string prefix, long afterRevision, long toRevision, CancellationToken cancellationToken);

/// <summary>
/// The watch algorithm shared by the stores: subscribe to live events first, then replay history
/// up to the revision the subscription was registered at, then pass on live events newer than
/// that. Because the subscription exists before the replay starts, every revision is covered by
/// exactly one of the two sources: no gap and no duplicate.
/// </summary>
internal static class WatchStream
{
    public static async IAsyncEnumerable<StoreEvent> RunAsync(WatchBroadcaster broadcaster, HistoryReader history,
        Func<long> compactedRevision, string prefix, long afterRevision, bool progressNotify,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var compacted = compactedRevision();
        if (afterRevision < compacted)
        {
            throw new CompactedException(afterRevision + 1, compacted);
        }
        using var subscription = broadcaster.Subscribe(prefix, progressNotify, out var registeredAt);
        if (afterRevision < registeredAt)
        {
            await foreach (var e in history(prefix, afterRevision, registeredAt, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        var seen = Math.Max(afterRevision, registeredAt);
        if (progressNotify)
        {
            yield return StoreEvent.ProgressAt(seen);
        }
        while (true)
        {
            var next = await NextAsync(subscription, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                yield break;
            }
            if (next.Revision > seen)
            {
                seen = next.Revision;
                yield return next;
            }
        }
    }

    /// <summary>The next live event, or null when the watch ends (store disposed or token cancelled).</summary>
    private static async ValueTask<StoreEvent?> NextAsync(WatchSubscription subscription, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (subscription.Reader.TryRead(out var e))
            {
                return e;
            }
            bool more;
            try
            {
                more = await subscription.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            if (!more)
            {
                return subscription.Overflowed ? throw new WatchOverflowException(subscription.Prefix) : null;
            }
        }
    }
}
