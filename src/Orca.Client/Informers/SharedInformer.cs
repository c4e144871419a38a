using System.Threading.Channels;
using Orca.Api;

namespace Orca.Client;

/// <summary>
/// Keeps an <see cref="Indexer{T}"/> in step with the server (list, then watch; re-watch from the last
/// version when a watch ends; re-list on 410 Gone, delivering the differences) and tells handlers what
/// changed. All cache writes and all handler calls happen in order on one loop per informer, so a handler
/// sees the cache at least as new as the change it is told about. Handlers must be quick (enqueue a key);
/// a slow handler delays every other handler and the cache. A handler added after start first gets
/// OnAdd for everything cached. Thread-safe. Start once; dispose to stop.
/// </summary>
public sealed partial class SharedInformer<T> : IAsyncDisposable where T : class, IKubeObject
{
    private readonly ResourceClient<T> _client;
    private readonly TimeProvider _time;
    private readonly Channel<Delta> _deltas = Channel.CreateUnbounded<Delta>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Handler[] _handlers = [];
    private Task _running = Task.CompletedTask;
    private ITimer? _resync;
    private bool _started;

    public SharedInformer(KubeClient client, InformerOptions? options = null, TimeProvider? time = null)
    {
        _client = client.Resource<T>();
        Options = options ?? new InformerOptions();
        _time = time ?? TimeProvider.System;
        Indexer = new Indexer<T>();
        Lister = new Lister<T>(Indexer);
    }

    public InformerOptions Options { get; }

    public Indexer<T> Indexer { get; }

    public Lister<T> Lister { get; }

    /// <summary>True once the first list has been applied to the cache and delivered to handlers.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resource version of the last list, watch event or bookmark seen.</summary>
    public string LastSyncResourceVersion { get; private set; } = "";

    /// <summary>Completes when <see cref="HasSynced"/>; cancellation throws.</summary>
    public Task WaitForSyncAsync(CancellationToken ct = default) => _synced.Task.WaitAsync(ct);

    /// <summary>Registers handlers (any may be null). Disposing the result unregisters them.</summary>
    public IDisposable AddEventHandler(Action<T>? onAdd = null, Action<T, T>? onUpdate = null, Action<T>? onDelete = null)
    {
        var handler = new Handler(onAdd, onUpdate, onDelete);
        lock (_lock)
        {
            if (_started) _deltas.Writer.TryWrite(new Delta.Replay(handler));
            else _handlers = [.. _handlers, handler];
        }
        return new Registration(() =>
        {
            lock (_lock) _handlers = _handlers.Where(h => h != handler).ToArray();
        });
    }

    /// <summary>Starts listing and watching in the background; a second call does nothing.</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_started) return;
            _started = true;
        }
        if (Options.ResyncPeriod is { } period && period > TimeSpan.Zero)
            _resync = _time.CreateTimer(_ => _deltas.Writer.TryWrite(new Delta.Resync()), null, period, period);
        var token = _stop.Token;
        _running = Task.WhenAll(Task.Run(() => ReflectAsync(token), CancellationToken.None), Task.Run(() => DispatchAsync(token), CancellationToken.None));
    }

    /// <summary>Stops the list/watch and the handler loop and waits for them; pending changes are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _resync?.Dispose();
        _deltas.Writer.TryComplete();
        await _running;
        _stop.Dispose();
    }

    private async Task DispatchAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var delta in _deltas.Reader.ReadAllAsync(ct)) Apply(delta);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Apply(Delta delta)
    {
        switch (delta)
        {
            case Delta.Upsert u:
                var old = Indexer.Upsert(u.Object);
                if (old is null) Notify(h => h.OnAdd?.Invoke(u.Object));
                else Notify(h => h.OnUpdate?.Invoke(old, u.Object));
                break;
            case Delta.Deleted d:
                if (Indexer.Remove(ObjectKey.Of(d.Object)) is not null) Notify(h => h.OnDelete?.Invoke(d.Object));
                break;
            case Delta.Replace r:
                ApplyReplace(r.Items);
                _synced.TrySetResult();
                break;
            case Delta.Resync:
                foreach (var obj in Indexer.List()) Notify(h => h.OnUpdate?.Invoke(obj, obj));
                break;
            case Delta.Replay p:
                foreach (var obj in Indexer.List()) Call(p.Handler, h => h.OnAdd?.Invoke(obj));
                lock (_lock) _handlers = [.. _handlers, p.Handler];
                break;
        }
    }

    /// <summary>
    /// A fresh list replaces the cache: objects gone from it are deleted (handlers get the last state the
    /// cache knew), new ones added, and ones whose resourceVersion changed updated — the same calls the
    /// missed watch events would have produced, collapsed.
    /// </summary>
    private void ApplyReplace(IReadOnlyList<T> items)
    {
        var fresh = new HashSet<string>(items.Select(ObjectKey.Of), StringComparer.Ordinal);
        foreach (var key in Indexer.Keys().Where(k => !fresh.Contains(k)))
        {
            if (Indexer.Remove(key) is { } gone) Notify(h => h.OnDelete?.Invoke(gone));
        }
        foreach (var obj in items)
        {
            var old = Indexer.Upsert(obj);
            if (old is null) Notify(h => h.OnAdd?.Invoke(obj));
            else if (old.Metadata.ResourceVersion != obj.Metadata.ResourceVersion) Notify(h => h.OnUpdate?.Invoke(old, obj));
        }
    }

    private void Notify(Action<Handler> call)
    {
        foreach (var h in Volatile.Read(ref _handlers)) Call(h, call);
    }

    private void Call(Handler h, Action<Handler> call)
    {
        try
        {
            call(h);
        }
        catch (Exception e)
        {
            Options.OnError?.Invoke(e);
        }
    }

    private sealed record Handler(Action<T>? OnAdd, Action<T, T>? OnUpdate, Action<T>? OnDelete);

    private abstract record Delta
    {
        public sealed record Upsert(T Object) : Delta;
        public sealed record Deleted(T Object) : Delta;
        public sealed record Replace(IReadOnlyList<T> Items) : Delta;
        public sealed record Resync : Delta;
        public sealed record Replay(Handler Handler) : Delta;
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) dispose();
        }
    }
}
