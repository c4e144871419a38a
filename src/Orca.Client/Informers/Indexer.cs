using Orca.Api;
using Orca.Api.Selectors;

namespace Orca.Client;

/// <summary>Computes the index values of an object (e.g. its spec.nodeName); may return none.</summary>
public delegate IEnumerable<string> IndexFunc<in T>(T obj);

/// <summary>
/// A thread-safe cache of objects keyed by <see cref="ObjectKey"/>, with a built-in namespace index and
/// any number of named secondary indexes. Readers get the cached instances: they are shared and must
/// not be changed (clone first). Only the owning informer writes; everyone else reads.
/// </summary>
public sealed class Indexer<T> where T : class, IKubeObject
{
    private const string NamespaceIndex = "namespace";
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexFunc<T>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indexes = new(StringComparer.Ordinal);

    public Indexer() => AddIndex(NamespaceIndex, o => [o.Metadata.Namespace ?? ""]);

    public int Count => Read(() => _items.Count);

    /// <summary>Adds a named index; existing objects are indexed at once. A duplicate name throws.</summary>
    public void AddIndex(string name, IndexFunc<T> index) => Write(() =>
    {
        if (!_indexers.TryAdd(name, index)) throw new ArgumentException($"index {name} already exists");
        _indexes[name] = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (key, obj) in _items) Index(name, index, key, obj, add: true);
    });

    public T? Get(string key) => Read(() => _items.GetValueOrDefault(key));

    public T? Get(string? ns, string name) => Get(ObjectKey.For(ns, name));

    /// <summary>Objects of one namespace (null: all) that match the selector (null: everything).</summary>
    public List<T> List(string? ns = null, LabelSelectorExpr? selector = null) => Read(() =>
    {
        IEnumerable<T> source = ns is null ? _items.Values : ByIndexLocked(NamespaceIndex, ns);
        return source.Where(o => selector is null || selector.Matches(o.Metadata.Labels)).ToList();
    });

    /// <summary>Objects whose index <paramref name="indexName"/> yields <paramref name="value"/>. Unknown index throws.</summary>
    public List<T> ByIndex(string indexName, string value) => Read(() => ByIndexLocked(indexName, value).ToList());

    public List<string> Keys() => Read(() => _items.Keys.ToList());

    /// <summary>Inserts or replaces; returns the previous object under the key, if any.</summary>
    public T? Upsert(T obj)
    {
        var key = ObjectKey.Of(obj);
        T? old = null;
        Write(() =>
        {
            if (_items.TryGetValue(key, out old)) Unindex(key, old);
            _items[key] = obj;
            foreach (var (name, index) in _indexers) Index(name, index, key, obj, add: true);
        });
        return old;
    }

    /// <summary>Removes the key; returns the removed object, if any.</summary>
    public T? Remove(string key)
    {
        T? old = null;
        Write(() =>
        {
            if (_items.Remove(key, out old)) Unindex(key, old);
        });
        return old;
    }

    private IEnumerable<T> ByIndexLocked(string indexName, string value)
    {
        if (!_indexes.TryGetValue(indexName, out var index)) throw new ArgumentException($"no index named {indexName}");
        return index.TryGetValue(value, out var keys) ? keys.Select(k => _items[k]) : [];
    }

    private void Unindex(string key, T obj)
    {
        foreach (var (name, index) in _indexers) Index(name, index, key, obj, add: false);
    }

    private void Index(string name, IndexFunc<T> index, string key, T obj, bool add)
    {
        var byValue = _indexes[name];
        foreach (var value in index(obj))
        {
            if (add)
            {
                if (!byValue.TryGetValue(value, out var keys)) byValue[value] = keys = new HashSet<string>(StringComparer.Ordinal);
                keys.Add(key);
            }
            else if (byValue.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                byValue.Remove(value);
            }
        }
    }

    private TResult Read<TResult>(Func<TResult> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Write(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
