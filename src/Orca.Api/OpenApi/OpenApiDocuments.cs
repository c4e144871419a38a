using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Orca.Api.OpenApi;

/// <summary>
/// The OpenAPI v3 documents kubectl reads (`GET /openapi/v3` and `GET /openapi/v3/&lt;gv&gt;`):
/// one per group-version, generated from Orca's type definitions, each with the upper-case hex
/// SHA-512 of its bytes, and the index that links them by hash URL; also the one Swagger 2.0
/// document of all group-versions (`GET /openapi/v2`, <see cref="V2"/>). Built once (at start-up or
/// when the resource set changes) and immutable after that; safe to read from any thread. The
/// byte arrays are shared: callers must not modify them. The same input always gives the same
/// bytes, so the hash changes exactly when a document does (kubectl caches hash URLs forever).
/// </summary>
public sealed class OpenApiDocuments
{
    public const string Title = "Kubernetes (Orca)";
    public const string KubernetesVersion = "v1.32.0";

    private readonly IReadOnlyDictionary<string, (byte[] Json, string Hash)> _documents;

    private OpenApiDocuments(IReadOnlyDictionary<string, (byte[] Json, string Hash)> documents, byte[] index, byte[] v2)
    {
        _documents = documents;
        Index = index;
        IndexHash = Hash(index);
        GroupVersionPaths = [.. documents.Keys.Order(StringComparer.Ordinal)];
        V2 = v2;
        V2Hash = Hash(v2);
    }

    /// <summary>`{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"},…}}`.</summary>
    public byte[] Index { get; }

    /// <summary>The hash of <see cref="Index"/> (e.g. for an ETag).</summary>
    public string IndexHash { get; }

    /// <summary>
    /// The Swagger 2.0 document of all group-versions (`GET /openapi/v2` with Accept
    /// application/json): the same schemas under `definitions` and the same operations in
    /// Swagger 2.0 form. JSON only: kubectl asks for it as protobuf, which this is not.
    /// </summary>
    public byte[] V2 { get; }

    /// <summary>The hash of <see cref="V2"/> (e.g. for an ETag).</summary>
    public string V2Hash { get; }

    /// <summary>"api/v1", "apis/apps/v1", … in ordinal order.</summary>
    public IReadOnlyList<string> GroupVersionPaths { get; }

    /// <summary>
    /// Generates the v3 documents, their index and the v2 document. Resources are grouped by
    /// group-version; within a document paths and schemas are in ordinal order. Throws <see cref="ArgumentException"/> when two
    /// resources of one group-version share a name and <see cref="InvalidOperationException"/>
    /// when two CLR types map to one schema name (both are bugs in the caller's tables).
    /// </summary>
    /// <param name="names">The CLR namespace → schema package table; <see cref="OpenApiSchemaNames.Default"/> when null.</param>
    public static OpenApiDocuments Build(IEnumerable<OpenApiResource> resources, OpenApiSchemaNames? names = null)
    {
        names ??= OpenApiSchemaNames.Default;
        var all = resources.ToList();
        var documents = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        var index = new JsonObject();
        foreach (var group in all.GroupBy(r => r.GroupVersionPath, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            if (list.GroupBy(r => r.Resource, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
                throw new ArgumentException($"Resource {duplicate.Key} appears twice in {group.Key}.", nameof(resources));
            var json = GroupVersionDocument.Build(list, names);
            var hash = Hash(json);
            documents[group.Key] = (json, hash);
            index[group.Key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{group.Key}?hash={hash}" };
        }
        var v2 = SwaggerV2Document.Build(all, names);
        return new OpenApiDocuments(documents, OpenApiModel.Serialize(new JsonObject { ["paths"] = index }), v2);
    }

    /// <summary>The document of "api/v1" or "apis/&lt;group&gt;/&lt;version&gt;" (no leading slash), if served.</summary>
    public bool TryGet(string groupVersionPath, out byte[] json, out string hash)
    {
        if (_documents.TryGetValue(groupVersionPath, out var document))
        {
            (json, hash) = document;
            return true;
        }
        json = [];
        hash = "";
        return false;
    }

    /// <summary>Upper-case hex SHA-512, as the Kubernetes API server hashes its documents.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA512.HashData(bytes));
}
