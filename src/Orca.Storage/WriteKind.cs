namespace Orca.Storage;

internal enum WriteKind { Create, Update, Delete }

/// <summary>The preconditions of the three writes, shared so that every store judges them the same way.</summary>
internal static class WritePrecondition
{
    /// <summary>
    /// Why a write of <paramref name="kind"/> may not apply to a key whose live value is
    /// <paramref name="current"/> (null = absent), or null when it may. <paramref name="expectedModRevision"/>
    /// 0 means any revision (deletes only; updates always compare).
    /// </summary>
    public static StoreException? Check(WriteKind kind, string key, KeyValue? current, long expectedModRevision) => kind switch
    {
        WriteKind.Create => current is null ? null : new KeyExistsException(key),
        _ when current is null => new KeyNotFoundStoreException(key),
        WriteKind.Delete when expectedModRevision == 0 => null,
        _ => current.ModRevision == expectedModRevision ? null : new RevisionConflictException(key, current),
    };
}
