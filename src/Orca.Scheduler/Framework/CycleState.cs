namespace Orca.Scheduler.Framework;

/// <summary>Data a plugin keeps in a <see cref="CycleState"/>; cloned when the state is (preemption dry runs).</summary>
internal interface IStateData
{
    /// <summary>A copy that later changes to either side do not affect (immutable data may return itself).</summary>
    IStateData Copy();
}

/// <summary>A typed slot of <see cref="CycleState"/>. Create one per plugin and kind of data, as a static.</summary>
internal sealed class StateKey<T>(string name) where T : class, IStateData
{
    public int Index { get; } = StateKeys.Next();

    public string Name { get; } = name;
}

internal static class StateKeys
{
    private static int _count;

    public static int Count => Volatile.Read(ref _count);

    public static int Next() => Interlocked.Increment(ref _count) - 1;
}

/// <summary>
/// What plugins learn about one pod during one scheduling cycle (PreFilter computes, Filter reads).
/// A slot array indexed by <see cref="StateKey{T}"/>, so a read is an index and a cast. Writes happen in
/// PreFilter/PreScore on the scheduling thread; Filter and Score may read from several threads at once.
/// Also carries which plugins asked to be skipped for this pod.
/// </summary>
internal sealed class CycleState
{
    private object?[] _slots = new object?[Math.Max(StateKeys.Count, 16)];

    /// <summary>Bit i set: the i-th Filter plugin of the profile is skipped (its PreFilter said Skip).</summary>
    public ulong SkipFilter { get; set; }

    /// <summary>Bit i set: the i-th Score plugin of the profile is skipped (its PreScore said Skip).</summary>
    public ulong SkipScore { get; set; }

    public T? Read<T>(StateKey<T> key) where T : class, IStateData =>
        key.Index < _slots.Length ? (T?)_slots[key.Index] : null;

    /// <summary>Reads data a PreFilter/PreScore must have written; its absence is a framework error.</summary>
    public T Get<T>(StateKey<T> key) where T : class, IStateData =>
        Read(key) ?? throw new InvalidOperationException($"cycle state has no {key.Name}");

    public void Write<T>(StateKey<T> key, T value) where T : class, IStateData
    {
        if (key.Index >= _slots.Length) Array.Resize(ref _slots, Math.Max(StateKeys.Count, key.Index + 1));
        _slots[key.Index] = value;
    }

    public void Delete<T>(StateKey<T> key) where T : class, IStateData
    {
        if (key.Index < _slots.Length) _slots[key.Index] = null;
    }

    /// <summary>A deep copy (each datum cloned) for what-if evaluation.</summary>
    public CycleState Clone()
    {
        var copy = new CycleState { SkipFilter = SkipFilter, SkipScore = SkipScore };
        copy._slots = new object?[_slots.Length];
        for (var i = 0; i < _slots.Length; i++) copy._slots[i] = (_slots[i] as IStateData)?.Copy();
        return copy;
    }
}
