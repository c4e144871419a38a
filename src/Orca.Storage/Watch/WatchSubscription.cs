using System.Threading.Channels;

namespace Orca.Storage.Watch;

/// <summary>
/// One watcher's buffer. The broadcaster writes without blocking; when the buffer is full the
/// subscription is closed and marked overflowed, so the reader learns it missed events instead
/// of silently skipping them. Disposing unregisters it.
/// </summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<StoreEvent> _channel;
    private readonly WatchBroadcaster _owner;

    public WatchSubscription(WatchBroadcaster owner, string prefix, int capacity)
    {
        _owner = owner;
        Prefix = prefix;
        _channel = Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string Prefix { get; }

    /// <summary>Whether this watcher also gets a progress event after every published batch.</summary>
    public bool ProgressNotify { get; init; }

    /// <summary>True once the buffer overflowed; the reader must end with <see cref="WatchOverflowException"/>.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<StoreEvent> Reader => _channel.Reader;

    /// <summary>Called by the broadcaster under its lock. Returns false when the subscription must be dropped.</summary>
    internal bool Offer(StoreEvent e)
    {
        if (_channel.Writer.TryWrite(e))
        {
            return true;
        }
        Overflowed = true;
        _channel.Writer.TryComplete();
        return false;
    }

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _owner.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
