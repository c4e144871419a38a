using System.Net.Http.Headers;
using System.Text;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Client;

/// <summary>
/// Typed REST verbs of one resource. Thread-safe and cheap (it holds only the shared <see cref="KubeClient"/>).
/// Every returned object is freshly decoded and owned by the caller. Errors answered by the server throw
/// <see cref="ApiException"/>; the namespace argument is ignored for cluster-scoped resources.
/// </summary>
public sealed partial class ResourceClient<T> where T : class, IKubeObject
{
    private readonly KubeClient _client;

    internal ResourceClient(KubeClient client, ResourceInfo info)
    {
        _client = client;
        Info = info;
    }

    public ResourceInfo Info { get; }

    public async Task<T> GetAsync(string? ns, string name, CancellationToken ct = default) =>
        Decode(await _client.SendAsync(HttpMethod.Get, Info.Path(ns, name), null, ct));

    /// <summary>One page, or with <see cref="ListOptions.AllPages"/> every page (continue tokens followed; the result's version is the first page's).</summary>
    public async Task<ListResult<T>> ListAsync(string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ListOptions();
        var items = new List<T>();
        string? rv = null;
        var next = options.Continue;
        do
        {
            var query = new Query()
                .Add("labelSelector", options.LabelSelector).Add("fieldSelector", options.FieldSelector)
                .Add("limit", options.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add("continue", next).Add("resourceVersion", next is null ? options.ResourceVersion : null);
            var body = await _client.SendAsync(HttpMethod.Get, Info.Path(ns) + query, null, ct);
            var (page, meta) = KnownResources.ReadList<T>(body);
            items.AddRange(page);
            rv ??= meta.ResourceVersion ?? "";
            next = string.IsNullOrEmpty(meta.Continue) ? null : meta.Continue;
        }
        while (options.AllPages && next is not null);
        return new ListResult<T>(items, rv, next);
    }

    public async Task<T> CreateAsync(T obj, CancellationToken ct = default) =>
        Decode(await _client.SendAsync(HttpMethod.Post, Info.Path(obj.Metadata.Namespace), Encode(obj), ct));

    /// <summary>A full replace; with metadata.resourceVersion set it fails with a conflict when the object changed meanwhile.</summary>
    public async Task<T> UpdateAsync(T obj, CancellationToken ct = default) =>
        Decode(await _client.SendAsync(HttpMethod.Put, Info.Path(obj.Metadata.Namespace, NameOf(obj)), Encode(obj), ct));

    /// <summary>Replaces the status subresource (spec changes are ignored by the server).</summary>
    public async Task<T> UpdateStatusAsync(T obj, CancellationToken ct = default) =>
        Decode(await _client.SendAsync(HttpMethod.Put, Info.Path(obj.Metadata.Namespace, NameOf(obj), "status"), Encode(obj), ct));

    /// <param name="fieldManager">Required for <see cref="PatchType.Apply"/>.</param>
    /// <param name="subresource">E.g. "status"; null patches the object itself.</param>
    public async Task<T> PatchAsync(string? ns, string name, PatchType type, string body, string? fieldManager = null,
        string? subresource = null, bool force = false, CancellationToken ct = default)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(type switch
        {
            PatchType.Json => "application/json-patch+json",
            PatchType.Merge => "application/merge-patch+json",
            PatchType.StrategicMerge => "application/strategic-merge-patch+json",
            _ => "application/apply-patch+yaml",
        });
        var query = new Query().Add("fieldManager", fieldManager).Add("force", force ? "true" : null);
        return Decode(await _client.SendAsync(HttpMethod.Patch, Info.Path(ns, name, subresource) + query, content, ct));
    }

    /// <summary>Deletes (or, for graceful deletion, starts deleting) an object. Not found throws.</summary>
    public async Task DeleteAsync(string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        HttpContent? content = options is null ? null : Json(options);
        await _client.SendAsync(HttpMethod.Delete, Info.Path(ns, name), content, ct);
    }

    /// <summary>
    /// POSTs <paramref name="body"/> to a subresource (pods/binding with a Binding, pods/eviction with an
    /// Eviction). The answer body (a Status) is discarded; failures throw <see cref="ApiException"/>
    /// (an eviction blocked by a disruption budget is a 429).
    /// </summary>
    public async Task CreateSubresourceAsync<TBody>(string? ns, string name, string subresource, TBody body, CancellationToken ct = default)
        where TBody : class =>
        await _client.SendAsync(HttpMethod.Post, Info.Path(ns, name, subresource), Json(body), ct);

    private static string NameOf(T obj) =>
        obj.Metadata.Name ?? throw new ArgumentException("the object has no metadata.name");

    private static T Decode(byte[] body) => ApiJson.Deserialize<T>(body) ?? throw new InvalidDataException("empty response body");

    private static ByteArrayContent Encode(T obj) => Json(obj);

    private static ByteArrayContent Json<TBody>(TBody value)
    {
        var content = new ByteArrayContent(ApiJson.Serialize(value));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
