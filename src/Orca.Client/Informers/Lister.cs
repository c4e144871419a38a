using Orca.Api;
using Orca.Api.Selectors;

namespace Orca.Client;

/// <summary>
/// The read-only view of an informer's cache that controllers use. Thread-safe; returned objects are
/// shared with the cache and must not be changed (clone first).
/// </summary>
public sealed class Lister<T>(Indexer<T> indexer) where T : class, IKubeObject
{
    public T? Get(string? ns, string name) => indexer.Get(ns, name);

    public T? Get(string key) => indexer.Get(key);

    /// <summary>Objects of a namespace (null: all namespaces), optionally filtered by a label selector in its text form.</summary>
    public List<T> List(string? ns = null, string? labelSelector = null) =>
        indexer.List(ns, string.IsNullOrEmpty(labelSelector) ? null : LabelSelectorParser.Parse(labelSelector));

    public List<T> List(string? ns, LabelSelectorExpr selector) => indexer.List(ns, selector);

    public List<T> ByIndex(string indexName, string value) => indexer.ByIndex(indexName, value);
}
