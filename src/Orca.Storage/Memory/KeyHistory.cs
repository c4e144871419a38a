namespace Orca.Storage.Memory;

/// <summary>One version of a key in memory. A null <see cref="Value"/> is a tombstone (the key was deleted at <see cref="Revision"/>).</summary>
internal readonly record struct KeyVersion(long Revision, long CreateRevision, byte[]? Value);

/// <summary>The versions of one key, oldest first. Not thread-safe: the owning store locks.</summary>
internal sealed class KeyHistory
{
    private readonly List<KeyVersion> _versions = [];

    public KeyVersion? Latest => _versions.Count == 0 ? null : _versions[^1];

    public bool IsEmpty => _versions.Count == 0;

    public void Add(KeyVersion version) => _versions.Add(version);

    /// <summary>The newest version with a revision at or below <paramref name="revision"/>.</summary>
    public KeyVersion? At(long revision)
    {
        for (var i = _versions.Count - 1; i >= 0; i--)
        {
            if (_versions[i].Revision <= revision)
            {
                return _versions[i];
            }
        }
        return null;
    }

    /// <summary>
    /// Drops every version that no read at or after <paramref name="revision"/> can see: versions
    /// superseded by another at or below it, and a tombstone at or below it (with all before it).
    /// </summary>
    public void Compact(long revision)
    {
        var keepFrom = 0;
        for (var i = _versions.Count - 1; i >= 0; i--)
        {
            if (_versions[i].Revision <= revision)
            {
                keepFrom = _versions[i].Value is null ? i + 1 : i;
                break;
            }
        }
        _versions.RemoveRange(0, keepFrom);
    }
}
