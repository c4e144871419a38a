using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orca.Api;
using Orca.Storage;

namespace Orca.ApiServer.Watch;

/// <summary>
/// The API server's cache of one resource: every live object under a store prefix, kept current by
/// one store watch, plus a window of recent events so that watches can resume from a
/// resourceVersion without touching the store.
///
/// Thread safety: one loop applies store events; readers take immutable snapshots without locks.
/// A watcher that cannot keep up (its buffer is full) is closed; the client re-watches, as with
/// Kubernetes' watch cache.
/// </summary>
internal sealed partial class WatchCache : IAsyncDisposable
{
    private readonly IKeyValueStore _store;
    private readonly string _prefix;
    private readonly Func<KeyValue, long, CachedObject> _decode;
    private readonly ILogger _logger;
    private readonly int _windowCapacity;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Watcher> _watchers = [];
    private readonly Dictionary<long, Handoff> _handoffs = [];
    private readonly CacheEvent?[] _window;
    private int _windowStart;
    private int _windowCount;
    private ImmutableSortedDictionary<string, CachedObject> _items = ImmutableSortedDictionary.Create<string, CachedObject>(StringComparer.Ordinal);
    private long _revision;
    private long _oldestResumable;
    private TaskCompletionSource _revisionAdvanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile bool _reload;

    /// <param name="decode">Turns a stored value into a cached object whose resourceVersion is the given revision.</param>
    public WatchCache(IKeyValueStore store, string prefix, Func<KeyValue, long, CachedObject> decode, ILogger logger, int windowCapacity = 10_000)
    {
        _store = store;
        _prefix = prefix;
        _decode = decode;
        _logger = logger;
        _windowCapacity = windowCapacity;
        _window = new CacheEvent?[windowCapacity];
    }

    /// <summary>Completes once the initial list is loaded.</summary>
    public Task Ready => _ready.Task;

    /// <summary>The store revision the cache reflects.</summary>
    public long Revision => Volatile.Read(ref _revision);

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Waits until the cache reflects at least <paramref name="revision"/>: a read after a
    /// write sees that write (read-your-writes for lists and gets).
    /// </summary>
    public async Task WaitForRevisionAsync(long revision, CancellationToken cancellationToken)
    {
        await Ready.WaitAsync(cancellationToken);
        while (true)
        {
            Task advanced;
            lock (_gate)
            {
                if (_revision >= revision) return;
                advanced = _revisionAdvanced.Task;
            }
            await advanced.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A consistent snapshot of every object, sorted by key, and the revision it reflects.</summary>
    public (ImmutableSortedDictionary<string, CachedObject> Items, long Revision) Snapshot()
    {
        lock (_gate) return (_items, _revision);
    }

    public CachedObject? Get(string key) => Volatile.Read(ref _items).TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// Starts a watch of keys under <paramref name="prefix"/> for every change after
    /// <paramref name="afterRevision"/>. Returns null when that revision is older than the
    /// window of remembered events (the caller answers 410 Expired).
    /// With <paramref name="initialEvents"/>, first delivers every current object as Added.
    /// </summary>
    public Watcher? Watch(string prefix, long afterRevision, bool initialEvents, int bufferSize = 10_000)
    {
        lock (_gate)
        {
            var watcher = new Watcher(this, prefix, bufferSize + (initialEvents ? _items.Count : _windowCount));
            if (initialEvents)
            {
                foreach (var item in _items)
                {
                    if (item.Key.StartsWith(prefix, StringComparison.Ordinal))
                        watcher.Offer(new CacheEvent(WatchEventType.Added, item.Value, null, item.Value.ModRevision));
                }
                watcher.InitialRevision = _revision;
            }
            else
            {
                if (afterRevision < _oldestResumable - 1 && afterRevision < _revision) return null;
                for (var i = 0; i < _windowCount; i++)
                {
                    var e = _window[(_windowStart + i) % _windowCapacity]!;
                    if (e.Revision > afterRevision && e.Object.Key.StartsWith(prefix, StringComparison.Ordinal))
                        watcher.Offer(e);
                }
                watcher.InitialRevision = Math.Max(afterRevision, _revision);
                watcher.After = afterRevision;
            }
            _watchers.Add(watcher);
            return watcher;
        }
    }

    /// <summary>
    /// The cached object for a write this server just made (<paramref name="value"/> stored under
    /// <paramref name="key"/> at <paramref name="revision"/>; for a delete, the last live value), decoded
    /// once for both the writer and the cache: the cache's own object when it has already applied the
    /// change, else a fresh decode that the cache takes when the change arrives instead of decoding the
    /// same bytes again. Either way the result equals what the cache holds for that revision.
    /// </summary>
    public CachedObject DecodeWritten(string key, byte[] value, long revision)
    {
        lock (_gate)
        {
            if (_revision >= revision && _items.TryGetValue(key, out var applied) && applied.ModRevision == revision) return applied;
        }
        var decoded = _decode(new KeyValue(key, value, revision, revision), revision);
        lock (_gate)
        {
            if (_revision < revision) _handoffs[revision] = new Handoff(key, value, decoded);
            // The cache applied the change while this decode ran: its object is the one to share.
            else if (_items.TryGetValue(key, out var applied) && applied.ModRevision == revision) return applied;
        }
        return decoded;
    }

    /// <summary>The object a writer decoded for this change from the same bytes, if it handed one over.</summary>
    private CachedObject? TakeHandoff(long revision, string key, byte[] source)
    {
        if (_handoffs.Count == 0 || !_handoffs.Remove(revision, out var h)) return null;
        return h.Key == key && (ReferenceEquals(h.Source, source) || h.Source.AsSpan().SequenceEqual(source)) ? h.Decoded : null;
    }

    /// <summary>Drops handoffs of revisions the cache is past (their change went by without taking them).</summary>
    private void PruneHandoffs()
    {
        if (_handoffs.Count < 64) return;
        foreach (var revision in _handoffs.Keys.Where(r => r <= _revision).ToList()) _handoffs.Remove(revision);
    }

    internal void Remove(Watcher watcher)
    {
        lock (_gate) _watchers.Remove(watcher);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await LoadAndFollowAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (CompactedException ex)
            {
                // The store forgot the revisions this cache would resume from: load afresh and make
                // every watcher start over (they re-list, as after a 410).
                LogWatchRestart(_logger, _prefix, ex);
                _reload = true;
            }
            catch (Exception ex)
            {
                LogWatchRestart(_logger, _prefix, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
        }
        lock (_gate)
        {
            foreach (var w in _watchers) w.Close();
            _watchers.Clear();
        }
    }

    private async Task LoadAndFollowAsync(CancellationToken cancellationToken)
    {
        long from;
        lock (_gate) from = _revision;
        if (!_ready.Task.IsCompleted || _reload)
        {
            var list = await _store.ListAsync(_prefix, 0, null, 0, cancellationToken);
            var builder = ImmutableSortedDictionary.CreateBuilder<string, CachedObject>(StringComparer.Ordinal);
            foreach (var kv in list.Items) builder[kv.Key] = _decode(kv, kv.ModRevision);
            lock (_gate)
            {
                _items = builder.ToImmutable();
                _revision = list.Revision;
                _oldestResumable = list.Revision + 1;
                Array.Clear(_window);
                _windowCount = 0;
                _windowStart = 0;
                foreach (var w in _watchers) w.Close();
                _watchers.Clear();
                _reload = false;
                _handoffs.Clear();
                SignalAdvance();
            }
            from = list.Revision;
            _ready.TrySetResult();
        }
        await foreach (var e in _store.WatchAsync(_prefix, from, cancellationToken, progressNotify: true))
            Apply(e);
    }

    private void Apply(StoreEvent e)
    {
        lock (_gate)
        {
            if (e.Revision <= _revision) return;
            if (e.Type == StoreEventType.Progress)
            {
                // Nothing of ours changed up to this revision: the cache is current to it.
                _revision = e.Revision;
                PruneHandoffs();
                SignalAdvance();
                return;
            }
            _items.TryGetValue(e.Key, out var previous);
            CacheEvent change;
            if (e.Type == StoreEventType.Put)
            {
                var obj = TakeHandoff(e.Revision, e.Key, e.Value!) ?? _decode(new KeyValue(e.Key, e.Value!, e.CreateRevision, e.Revision), e.Revision);
                _items = _items.SetItem(e.Key, obj);
                change = new CacheEvent(previous is null ? WatchEventType.Added : WatchEventType.Modified, obj, previous, e.Revision);
            }
            else
            {
                // The store gives the last live value with every delete: one decode, stamped with the delete's revision.
                var tombstone = TakeHandoff(e.Revision, e.Key, e.PrevValue!)
                    ?? _decode(new KeyValue(e.Key, e.PrevValue!, e.CreateRevision, e.Revision), e.Revision);
                _items = _items.Remove(e.Key);
                change = new CacheEvent(WatchEventType.Deleted, tombstone, previous, e.Revision);
            }
            Remember(change);
            _revision = e.Revision;
            PruneHandoffs();
            for (var i = _watchers.Count - 1; i >= 0; i--)
            {
                var w = _watchers[i];
                if (!e.Key.StartsWith(w.Prefix, StringComparison.Ordinal) || e.Revision <= w.After) continue;
                if (!w.Offer(change))
                {
                    LogSlowWatcher(_logger, _prefix);
                    w.Close();
                    _watchers.RemoveAt(i);
                }
            }
            SignalAdvance();
        }
    }

    private void Remember(CacheEvent change)
    {
        if (_windowCount == _windowCapacity)
        {
            _window[_windowStart] = null;
            _windowStart = (_windowStart + 1) % _windowCapacity;
            _windowCount--;
            _oldestResumable = _window[_windowStart]!.Revision;
        }
        _window[(_windowStart + _windowCount) % _windowCapacity] = change;
        _windowCount++;
    }

    private void SignalAdvance()
    {
        var old = _revisionAdvanced;
        _revisionAdvanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try { await _loop; } catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "watch cache {Prefix}: store watch ended, restarting")]
    private static partial void LogWatchRestart(ILogger logger, string prefix, Exception ex);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "watch cache {Prefix}: closing a watcher that fell behind")]
    private static partial void LogSlowWatcher(ILogger logger, string prefix);

    /// <summary>A writer's decode of the bytes it stored, waiting for the cache to reach that change.</summary>
    private sealed record Handoff(string Key, byte[] Source, CachedObject Decoded);

    /// <summary>One client's subscription: a bounded queue of events, in revision order.</summary>
    internal sealed class Watcher : IDisposable
    {
        private readonly WatchCache _cache;
        private readonly Channel<CacheEvent> _channel;

        public Watcher(WatchCache cache, string prefix, int bufferSize)
        {
            _cache = cache;
            Prefix = prefix;
            _channel = Channel.CreateBounded<CacheEvent>(new BoundedChannelOptions(bufferSize)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        public string Prefix { get; }
        /// <summary>Live events at or below this revision are not delivered (the client already has them).</summary>
        public long After { get; set; }
        /// <summary>The revision the watch was positioned at when it started (after replay).</summary>
        public long InitialRevision { get; set; }
        public ChannelReader<CacheEvent> Events => _channel.Reader;

        internal bool Offer(CacheEvent e) => _channel.Writer.TryWrite(e);
        internal void Close() => _channel.Writer.TryComplete();

        public void Dispose()
        {
            _cache.Remove(this);
            Close();
        }
    }
}
