using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Controllers.GarbageCollector;

/// <summary>
/// One resource type as the garbage collector sees it: its informer cache indexed by UID and by owner UID,
/// a live read (to confirm an owner the cache does not hold), and the three writes the collector makes
/// (delete with a propagation policy, replace ownerReferences, replace finalizers). Every write carries the
/// object's UID (and, for patches, its resourceVersion) as a precondition, so a stale cache yields a conflict
/// or a not-found instead of touching a newer object of the same name. Thread-safe.
/// </summary>
internal interface IGcResource
{
    ResourceInfo Info { get; }

    /// <summary>The cached object with this UID, if the cache holds it.</summary>
    IKubeObject? ByUid(string uid);

    /// <summary>Cached objects that name <paramref name="ownerUid"/> among their ownerReferences.</summary>
    IReadOnlyList<IKubeObject> DependentsOf(string ownerUid);

    /// <summary>The cached object by namespace (ignored when cluster-scoped) and name.</summary>
    IKubeObject? Cached(string? ns, string name);

    /// <summary>A live read; null when the server answers 404.</summary>
    Task<IKubeObject?> GetAsync(string? ns, string name, CancellationToken ct);

    /// <summary>Deletes the object (UID precondition) with the propagation policy; a 404 or UID conflict counts as done.</summary>
    Task DeleteAsync(IKubeObject obj, string policy, CancellationToken ct);

    /// <summary>Replaces the object's ownerReferences (UID and resourceVersion preconditions). 404 is ignored.</summary>
    Task SetOwnersAsync(IKubeObject obj, IReadOnlyList<OwnerReference> owners, CancellationToken ct);

    /// <summary>Replaces the object's finalizers (UID and resourceVersion preconditions). 404 is ignored.</summary>
    Task SetFinalizersAsync(IKubeObject obj, IReadOnlyList<string> finalizers, CancellationToken ct);

    /// <summary>
    /// Calls <paramref name="changed"/> (old object or null, new object) on adds, updates and resyncs and
    /// <paramref name="deleted"/> on deletes; the cache is replayed first as adds.
    /// </summary>
    IDisposable Watch(Action<IKubeObject?, IKubeObject> changed, Action<IKubeObject> deleted);
}

/// <inheritdoc cref="IGcResource"/>
internal sealed class GcResource<T> : IGcResource where T : class, IKubeObject
{
    private const string UidIndex = "gc-uid";
    private const string OwnerIndex = "gc-owner";
    private readonly SharedInformer<T> _informer;
    private readonly ResourceClient<T> _client;

    private GcResource(SharedInformer<T> informer, ResourceClient<T> client)
    {
        _informer = informer;
        _client = client;
    }

    public ResourceInfo Info => _client.Info;

    /// <summary>Creates the type's shared informer with the collector's two indexes (call before the factory starts).</summary>
    public static GcResource<T> Register(ControllerContext context)
    {
        var informer = context.Informers.For<T>();
        try
        {
            informer.Indexer.AddIndex(UidIndex, o => o.Metadata.Uid is { } uid ? [uid] : []);
            informer.Indexer.AddIndex(OwnerIndex, o => o.Metadata.OwnerReferences?.Select(r => r.Uid) ?? []);
        }
        catch (ArgumentException)
        {
            // Registered already (informer registration and each leadership term share the informer).
        }
        return new GcResource<T>(informer, context.Client.Resource<T>());
    }

    public IKubeObject? ByUid(string uid) => _informer.Indexer.ByIndex(UidIndex, uid).FirstOrDefault();

    public IReadOnlyList<IKubeObject> DependentsOf(string ownerUid) => _informer.Indexer.ByIndex(OwnerIndex, ownerUid);

    public IKubeObject? Cached(string? ns, string name) => _informer.Lister.Get(Info.Namespaced ? ns : null, name);

    public async Task<IKubeObject?> GetAsync(string? ns, string name, CancellationToken ct)
    {
        try
        {
            return await _client.GetAsync(Info.Namespaced ? ns : null, name, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(IKubeObject obj, string policy, CancellationToken ct)
    {
        try
        {
            await _client.DeleteAsync(obj.Metadata.Namespace, obj.Metadata.Name!, new DeleteOptions
            {
                PropagationPolicy = policy,
                Preconditions = new Preconditions { Uid = obj.Metadata.Uid },
            }, ct);
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
            // Gone already, or the name now belongs to another object: nothing of ours to delete.
        }
    }

    public Task SetOwnersAsync(IKubeObject obj, IReadOnlyList<OwnerReference> owners, CancellationToken ct) =>
        PatchMetadataAsync(obj, "ownerReferences",
            owners.Count == 0 ? null : new JsonArray(owners.Select(r => JsonNode.Parse(ApiJson.SerializeToString(r))).ToArray()), ct);

    public Task SetFinalizersAsync(IKubeObject obj, IReadOnlyList<string> finalizers, CancellationToken ct) =>
        PatchMetadataAsync(obj, "finalizers", finalizers.Count == 0 ? null : new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()), ct);

    public IDisposable Watch(Action<IKubeObject?, IKubeObject> changed, Action<IKubeObject> deleted) =>
        _informer.AddEventHandler(o => changed(null, o), (old, o) => changed(old, o), o => deleted(o));

    private async Task PatchMetadataAsync(IKubeObject obj, string field, JsonNode? value, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["uid"] = obj.Metadata.Uid,
                ["resourceVersion"] = obj.Metadata.ResourceVersion,
                [field] = value,
            },
        };
        try
        {
            await _client.PatchAsync(obj.Metadata.Namespace, obj.Metadata.Name!, PatchType.Merge, patch.ToJsonString(), ct: ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }
}
