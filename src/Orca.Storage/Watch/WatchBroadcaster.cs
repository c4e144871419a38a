namespace Orca.Storage.Watch;

/// <summary>
/// Fans committed events out to in-process watchers. Thread-safe. <see cref="Publish"/> never
/// blocks: a watcher whose buffer is full is dropped (overflowed) rather than slowing the writer.
/// The broadcaster remembers the revision of the last published batch so that a new subscriber
/// knows exactly which revisions it will receive live and which it must replay from history.
/// </summary>
internal sealed class WatchBroadcaster(long initialRevision, int bufferSize)
{
    private readonly Lock _lock = new();
    private readonly List<WatchSubscription> _subscriptions = [];
    private long _publishedRevision = initialRevision;
    private bool _closed;

    /// <summary>
    /// Registers a watcher. Every event with a revision greater than <paramref name="publishedRevision"/>
    /// will be offered to it; older ones it must read from history.
    /// </summary>
    public WatchSubscription Subscribe(string prefix, bool progressNotify, out long publishedRevision)
    {
        var subscription = new WatchSubscription(this, prefix, bufferSize) { ProgressNotify = progressNotify };
        lock (_lock)
        {
            publishedRevision = _publishedRevision;
            if (_closed)
            {
                subscription.Complete();
            }
            else
            {
                _subscriptions.Add(subscription);
            }
        }
        return subscription;
    }

    /// <summary>Publishes one committed batch, in revision order. <paramref name="lastRevision"/> is the batch's last revision.</summary>
    public void Publish(IReadOnlyList<StoreEvent> events, long lastRevision)
    {
        lock (_lock)
        {
            _publishedRevision = Math.Max(_publishedRevision, lastRevision);
            for (var i = _subscriptions.Count - 1; i >= 0; i--)
            {
                if (!OfferAll(_subscriptions[i], events, lastRevision))
                {
                    _subscriptions.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Ends every watcher (they drain what is buffered, then their enumeration ends).</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.Complete();
            }
            _subscriptions.Clear();
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private static bool OfferAll(WatchSubscription subscription, IReadOnlyList<StoreEvent> events, long lastRevision)
    {
        foreach (var e in events)
        {
            if (KeyRange.Matches(e.Key, subscription.Prefix) && !subscription.Offer(e))
            {
                return false;
            }
        }
        return !subscription.ProgressNotify || subscription.Offer(StoreEvent.ProgressAt(lastRevision));
    }
}
