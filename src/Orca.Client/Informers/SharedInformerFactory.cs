using Orca.Api;

namespace Orca.Client;

/// <summary>
/// Hands out one <see cref="SharedInformer{T}"/> per (type, namespace, label selector, field selector), so
/// every component of a process shares one cache and one watch per resource. Thread-safe.
/// <see cref="Start"/> starts every informer created so far (call it again after creating more);
/// disposing the factory stops them all.
/// </summary>
public sealed class SharedInformerFactory(KubeClient client, TimeProvider? time = null, InformerOptions? defaults = null) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Type, string, string, string), IStartable> _informers = new();

    /// <summary>The shared informer of <typeparamref name="T"/>; options beyond the selectors come from the factory's defaults.</summary>
    public SharedInformer<T> For<T>(string? ns = null, string? labelSelector = null, string? fieldSelector = null)
        where T : class, IKubeObject
    {
        var key = (typeof(T), ns ?? "", labelSelector ?? "", fieldSelector ?? "");
        lock (_lock)
        {
            if (_informers.TryGetValue(key, out var existing)) return ((Startable<T>)existing).Informer;
            var options = (defaults ?? new InformerOptions()) with { Namespace = ns, LabelSelector = labelSelector, FieldSelector = fieldSelector };
            var informer = new SharedInformer<T>(client, options, time);
            _informers[key] = new Startable<T>(informer);
            return informer;
        }
    }

    public void Start()
    {
        foreach (var i in Snapshot()) i.Start();
    }

    /// <summary>Waits until every informer created so far has synced.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken ct = default) => Task.WhenAll(Snapshot().Select(i => i.WaitForSyncAsync(ct)));

    public async ValueTask DisposeAsync()
    {
        foreach (var i in Snapshot()) await i.DisposeAsync();
    }

    private List<IStartable> Snapshot()
    {
        lock (_lock) return _informers.Values.ToList();
    }

    private interface IStartable : IAsyncDisposable
    {
        void Start();
        Task WaitForSyncAsync(CancellationToken ct);
    }

    private sealed class Startable<T>(SharedInformer<T> informer) : IStartable where T : class, IKubeObject
    {
        public SharedInformer<T> Informer => informer;
        public void Start() => informer.Start();
        public Task WaitForSyncAsync(CancellationToken ct) => informer.WaitForSyncAsync(ct);
        public ValueTask DisposeAsync() => informer.DisposeAsync();
    }
}
