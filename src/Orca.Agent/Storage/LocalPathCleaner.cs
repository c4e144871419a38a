using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Api.Storage;

namespace Orca.Agent.Storage;

/// <summary>
/// Removes the directories of this node's local-path volumes once their PersistentVolume is gone: the
/// binder deletes a Released volume whose reclaim policy is Delete, and this agent, which owns the
/// directory, deletes it. Only directories under this node's local-path root are touched. After the volume
/// informer's first list, <see cref="Sweep"/> also removes `pvc-*` directories no volume names any more
/// (volumes deleted while the agent was down). Handler calls come from the informer loop, one at a time.
/// </summary>
internal sealed partial class LocalPathCleaner(string root, ILogger logger)
{
    /// <summary>A volume was deleted: removes its directory when it is one of ours.</summary>
    public void OnDeleted(PersistentVolume volume)
    {
        if (PathOf(volume) is { } dir) Remove(dir);
    }

    /// <summary>Removes the `pvc-*` directories under the root that none of <paramref name="volumes"/> uses.</summary>
    public void Sweep(IEnumerable<PersistentVolume> volumes)
    {
        if (!Directory.Exists(root)) return;
        var used = new HashSet<string>(volumes.Select(PathOf).OfType<string>(), StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(root, "pvc-*"))
            if (!used.Contains(Path.GetFullPath(dir))) Remove(dir);
    }

    /// <summary>The volume's directory when it is a local-path volume under this node's root; null otherwise.</summary>
    private string? PathOf(PersistentVolume volume)
    {
        if (volume.Metadata.Annotations?.GetValueOrDefault(StorageNames.ProvisionedBy) != StorageNames.LocalPathProvisioner) return null;
        if (volume.Spec.HostPath?.Path is not { Length: > 0 } path) return null;
        var full = Path.GetFullPath(path);
        var prefix = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) && full.Length > prefix.Length && !full[prefix.Length..].Contains(Path.DirectorySeparatorChar)
            ? full : null;
    }

    private void Remove(string dir)
    {
        try
        {
            if (!Directory.Exists(dir)) return;
            Directory.Delete(dir, recursive: true);
            LogRemoved(logger, dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRemoveFailed(logger, dir, e);
        }
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Information, Message = "removed local-path volume directory {Dir}")]
    private static partial void LogRemoved(ILogger logger, string dir);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "could not remove local-path volume directory {Dir}")]
    private static partial void LogRemoveFailed(ILogger logger, string dir, Exception e);
}
