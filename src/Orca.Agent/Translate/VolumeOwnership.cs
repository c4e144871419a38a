using System.Runtime.InteropServices;

namespace Orca.Agent.Translate;

/// <summary>
/// The pod's fsGroup applied to a volume as the kubelet does: every file and directory gets group fsGroup,
/// group read (and write, unless the volume is read-only: configMap, secret, downwardAPI, projected) is added
/// to its mode, and directories also get group execute and the setgid bit so new files inherit the group.
/// Symbolic links are re-grouped but not chmod-ed (that would change their target). With fsGroupChangePolicy
/// OnRootMismatch nothing is walked when the volume's root already has that group and those bits.
/// </summary>
internal static class VolumeOwnership
{
    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead;
    private const UnixFileMode DirectoryBits = UnixFileMode.SetGroup | UnixFileMode.UserExecute | UnixFileMode.GroupExecute;

    [DllImport("libc", SetLastError = true, EntryPoint = "lchown")]
    private static extern int Lchown(string path, int owner, int group);

    public static void Apply(string root, long fsGroup, bool readOnly, string? changePolicy)
    {
        var mask = readOnly ? ReadOnly : ReadWrite;
        if (changePolicy == "OnRootMismatch" && GroupOf(root) == fsGroup && File.GetUnixFileMode(root).HasFlag(mask | DirectoryBits)) return;
        Change(new DirectoryInfo(root), (int)fsGroup, mask);
    }

    private static void Change(FileSystemInfo entry, int group, UnixFileMode mask)
    {
        if (Lchown(entry.FullName, -1, group) != 0)
            throw new IOException($"chown :{group} {entry.FullName}: errno {Marshal.GetLastPInvokeError()}");
        if (entry.LinkTarget is not null) return;
        if (entry is DirectoryInfo dir)
        {
            File.SetUnixFileMode(dir.FullName, dir.UnixFileMode | mask | DirectoryBits);
            foreach (var child in dir.EnumerateFileSystemInfos()) Change(child, group, mask);
        }
        else
        {
            File.SetUnixFileMode(entry.FullName, entry.UnixFileMode | mask);
        }
    }

    private static long GroupOf(string path) => FileStat.Of(path, follow: false) is { } st ? st.Gid : -1;
}
