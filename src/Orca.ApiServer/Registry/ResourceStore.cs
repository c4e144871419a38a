using Microsoft.Extensions.Logging;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.ApiServer.Http;
using Orca.ApiServer.Watch;
using Orca.Storage;

namespace Orca.ApiServer.Registry;

/// <summary>Options of one write, from the request's query.</summary>
internal sealed record WriteOptions(bool DryRun = false, string? FieldManager = null);

/// <summary>
/// The generic registry: create, get, list, update, delete of one resource over the key-value store,
/// reading through the resource's watch cache. What differs per resource comes from its
/// <see cref="IResourceStrategy"/>. Thread-safe; every write is a compare-and-swap on the store
/// revision, so concurrent writers never lose an update.
/// </summary>
internal sealed partial class ResourceStore : IAsyncDisposable
{
    private const int MaxUpdateRetries = 16;
    private readonly IKeyValueStore _kv;
    private readonly TimeProvider _time;
    private readonly IAdmission _admission;

    public ResourceStore(ResourceDefinition definition, IKeyValueStore kv, TimeProvider time, IAdmission admission, ILogger logger)
    {
        Definition = definition;
        _kv = kv;
        _time = time;
        _admission = admission;
        Cache = new WatchCache(kv, definition.StoragePrefix, Decode, logger);
    }

    public ResourceDefinition Definition { get; }
    public WatchCache Cache { get; }
    /// <summary>The underlying store, for reads at past revisions (continue tokens, exact lists).</summary>
    public IKeyValueStore KeyValues => _kv;
    private IResourceStrategy Strategy => Definition.Strategy;

    public void Start() => Cache.Start();

    private long _lastWrite;

    /// <summary>The revision of the latest write this registry acknowledged (or the cache's start revision).</summary>
    public long LastWrite => Math.Max(Volatile.Read(ref _lastWrite), 0);

    private KeyValue Wrote(KeyValue kv)
    {
        long seen;
        while (kv.ModRevision > (seen = Volatile.Read(ref _lastWrite)) && Interlocked.CompareExchange(ref _lastWrite, kv.ModRevision, seen) != seen)
        {
        }
        return kv;
    }

    /// <summary>
    /// Waits until the cache reflects every write committed before the call, including writes made
    /// through another version of the resource (events.k8s.io and core events share storage): the
    /// store's progress notifications carry the cache to the current revision.
    /// </summary>
    public Task WaitFreshAsync(CancellationToken cancellationToken) =>
        Cache.WaitForRevisionAsync(Math.Max(LastWrite, _kv.CurrentRevision), cancellationToken);

    /// <summary>Waits until every write up to <paramref name="revision"/> touching this resource is in the cache.</summary>
    public Task WaitNotOlderThanAsync(long revision, CancellationToken cancellationToken) =>
        Cache.WaitForRevisionAsync(Math.Min(revision, LastWrite), cancellationToken);

    /// <summary>Turns stored bytes into a cached object whose resourceVersion is <paramref name="revision"/>.</summary>
    public CachedObject Decode(KeyValue kv, long revision)
    {
        var obj = Definition.Storage is { } conversion
            ? conversion.FromStorage((IKubeObject)System.Text.Json.JsonSerializer.Deserialize(kv.Value, ApiJson.Info(conversion.StorageType))!)
            : (IKubeObject)System.Text.Json.JsonSerializer.Deserialize(kv.Value, ApiJson.Info(Definition.ObjectType))!;
        obj.Metadata ??= new ObjectMeta();
        obj.Metadata.ResourceVersion = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        obj.ApiVersion = Definition.ApiVersion;
        obj.Kind = Definition.Kind;
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(obj, ApiJson.Info(Definition.ObjectType));
        return new CachedObject(kv.Key, obj, json, revision);
    }

    /// <summary>The cached object of a write this registry made: decoded once, shared with the watch cache.</summary>
    private CachedObject Written(KeyValue kv) => Cache.DecodeWritten(kv.Key, kv.Value, kv.ModRevision);

    private byte[] Encode(IKubeObject obj)
    {
        var rv = obj.Metadata.ResourceVersion;
        obj.Metadata.ResourceVersion = null;
        obj.ApiVersion = Definition.ApiVersion;
        obj.Kind = Definition.Kind;
        try
        {
            if (Definition.Storage is { } conversion)
            {
                var stored = conversion.ToStorage(obj);
                stored.ApiVersion = conversion.StorageApiVersion;
                stored.Kind = conversion.StorageKind;
                return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(stored, ApiJson.Info(conversion.StorageType));
            }
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(obj, ApiJson.Info(Definition.ObjectType));
        }
        finally
        {
            obj.Metadata.ResourceVersion = rv;
        }
    }

    /// <summary>The object, read at least as fresh as the latest acknowledged write.</summary>
    public async Task<CachedObject> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await WaitFreshAsync(cancellationToken);
        return Cache.Get(Definition.Key(ns, name)) ?? throw NotFound(name);
    }

    public async Task<CachedObject?> TryGetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await WaitFreshAsync(cancellationToken);
        return Cache.Get(Definition.Key(ns, name));
    }

    public StatusException NotFound(string name) => ApiErrors.NotFound(Definition.Group, Definition.Resource, name);

    /// <summary>Creates an object in <paramref name="ns"/> ("" for cluster-scoped resources).</summary>
    public async Task<CachedObject> CreateAsync(IKubeObject obj, string ns, WriteOptions options, CancellationToken cancellationToken)
    {
        obj.Metadata ??= new ObjectMeta();
        CheckNamespace(obj, ns);
        var generated = string.IsNullOrEmpty(obj.Metadata.Name) && !string.IsNullOrEmpty(obj.Metadata.GenerateName);
        for (var attempt = 0; ; attempt++)
        {
            if (generated) obj.Metadata.Name = NameGenerator.Generate(obj.Metadata.GenerateName!);
            PrepareNewObject(obj);
            Strategy.PrepareForCreate(obj);
            Strategy.Default(obj);
            var causes = MetaValidation.ValidateNew(obj.Metadata, Definition.Namespaced).Concat(Strategy.Validate(obj)).ToList();
            if (causes.Count > 0) throw ApiErrors.Invalid(Definition.Group, Definition.Kind, obj.Metadata.Name ?? obj.Metadata.GenerateName ?? "", causes);
            await _admission.AdmitCreateAsync(Definition, obj, cancellationToken);
            var key = Definition.Key(ns, obj.Metadata.Name!);
            var bytes = Encode(obj);
            if (options.DryRun)
            {
                if (Cache.Get(key) is not null) throw ApiErrors.AlreadyExists(Definition.Group, Definition.Resource, obj.Metadata.Name!);
                return Decode(new KeyValue(key, bytes, 0, 0), 0) with { };
            }
            try
            {
                return Written(Wrote(await _kv.CreateAsync(key, bytes, cancellationToken)));
            }
            catch (KeyExistsException) when (generated && attempt < 8)
            {
                // generateName collided with an existing object: draw another suffix, as Kubernetes retries.
            }
            catch (KeyExistsException)
            {
                throw ApiErrors.AlreadyExists(Definition.Group, Definition.Resource, obj.Metadata.Name!);
            }
        }
    }

    private void CheckNamespace(IKubeObject obj, string ns)
    {
        if (!Definition.Namespaced)
        {
            obj.Metadata.Namespace = null;
            return;
        }
        if (string.IsNullOrEmpty(obj.Metadata.Namespace)) obj.Metadata.Namespace = ns;
        else if (obj.Metadata.Namespace != ns)
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
    }

    private void PrepareNewObject(IKubeObject obj)
    {
        var meta = obj.Metadata;
        meta.Uid = Guid.NewGuid().ToString();
        meta.CreationTimestamp = TruncateToSeconds(_time.GetUtcNow());
        meta.ResourceVersion = null;
        meta.DeletionTimestamp = null;
        meta.DeletionGracePeriodSeconds = null;
        meta.SelfLink = null;
        meta.Generation = 1;
        if (meta.Labels is { Count: 0 }) meta.Labels = null;
        if (meta.Annotations is { Count: 0 }) meta.Annotations = null;
    }

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    public void Dispose() { }

    public ValueTask DisposeAsync() => Cache.DisposeAsync();

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "{Resource} {Key}: update conflict, retrying")]
    private static partial void LogRetry(ILogger logger, string resource, string key);
}
