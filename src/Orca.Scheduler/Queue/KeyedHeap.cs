namespace Orca.Scheduler.Queue;

/// <summary>
/// A binary min-heap (by <c>less</c>) whose items can be found, updated and removed by key in O(log n).
/// Not thread-safe; the scheduling queue guards it.
/// </summary>
internal sealed class KeyedHeap<T>(Func<T, string> keyOf, Func<T, T, bool> less) where T : class
{
    private readonly List<T> _items = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    public bool Contains(string key) => _index.ContainsKey(key);

    public T? Get(string key) => _index.TryGetValue(key, out var i) ? _items[i] : null;

    public IEnumerable<T> Items => _items;

    public T? Peek() => _items.Count > 0 ? _items[0] : null;

    /// <summary>Adds the item, or replaces the item with the same key and restores order.</summary>
    public void AddOrUpdate(T item)
    {
        var key = keyOf(item);
        if (_index.TryGetValue(key, out var i))
        {
            _items[i] = item;
            Fix(i);
            return;
        }
        _items.Add(item);
        _index[key] = _items.Count - 1;
        Up(_items.Count - 1);
    }

    public T? Pop()
    {
        if (_items.Count == 0) return null;
        var top = _items[0];
        RemoveAt(0);
        return top;
    }

    public T? Remove(string key)
    {
        if (!_index.TryGetValue(key, out var i)) return null;
        var item = _items[i];
        RemoveAt(i);
        return item;
    }

    private void RemoveAt(int i)
    {
        var last = _items.Count - 1;
        _index.Remove(keyOf(_items[i]));
        if (i != last)
        {
            _items[i] = _items[last];
            _index[keyOf(_items[i])] = i;
        }
        _items.RemoveAt(last);
        if (i < _items.Count) Fix(i);
    }

    private void Fix(int i)
    {
        if (!Up(i)) Down(i);
    }

    private bool Up(int i)
    {
        var moved = false;
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!less(_items[i], _items[parent])) break;
            Swap(i, parent);
            i = parent;
            moved = true;
        }
        return moved;
    }

    private void Down(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= _items.Count) return;
            var child = left + 1 < _items.Count && less(_items[left + 1], _items[left]) ? left + 1 : left;
            if (!less(_items[child], _items[i])) return;
            Swap(i, child);
            i = child;
        }
    }

    private void Swap(int a, int b)
    {
        (_items[a], _items[b]) = (_items[b], _items[a]);
        _index[keyOf(_items[a])] = a;
        _index[keyOf(_items[b])] = b;
    }
}
