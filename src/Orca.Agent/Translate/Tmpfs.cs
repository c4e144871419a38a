using System.Runtime.InteropServices;

namespace Orca.Agent.Translate;

/// <summary>
/// tmpfs mounts for memory-backed emptyDirs, made by the agent in the host's mount namespace (the
/// kubelet does the same) so every container of the pod bind-mounts the same tmpfs. Idempotent:
/// a directory that already is a tmpfs mount point is left as it is (an agent restart finds it so).
/// </summary>
internal static class Tmpfs
{
    private const ulong MsNosuid = 2, MsNodev = 4;
    private const int MntDetach = 2, Einval = 22, Enoent = 2;

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    private static extern int MountNative(string source, string target, string fileSystemType, ulong flags, string? data);

    [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    private static extern int Umount2Native(string target, int flags);

    /// <summary>Mounts a tmpfs of <paramref name="sizeBytes"/> (0: the kernel's default, half of RAM) on the directory unless one is there.</summary>
    public static void Ensure(string directory, long sizeBytes)
    {
        Directory.CreateDirectory(directory);
        if (MountPointsUnder(directory).Contains(Path.GetFullPath(directory))) return;
        var options = sizeBytes > 0 ? $"mode=0777,size={sizeBytes}" : "mode=0777";
        if (MountNative("tmpfs", directory, "tmpfs", MsNosuid | MsNodev, options) != 0)
            throw new IOException($"mount tmpfs on {directory} ({options}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Detaches every mount at or below <paramref name="directory"/>, deepest first. Idempotent.</summary>
    public static void UnmountAll(string directory)
    {
        foreach (var target in MountPointsUnder(directory).OrderByDescending(p => p.Length))
        {
            if (Umount2Native(target, MntDetach) == 0) continue;
            var errno = Marshal.GetLastPInvokeError();
            if (errno is not (Einval or Enoent)) throw new IOException($"umount {target} failed: errno {errno}");
        }
    }

    /// <summary>Mount points at or below a directory, from /proc/self/mountinfo (octal escapes decoded).</summary>
    public static IReadOnlyList<string> MountPointsUnder(string directory)
    {
        var root = Path.GetFullPath(directory).TrimEnd('/');
        var found = new List<string>();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 5) continue;
            var point = Unescape(fields[4]);
            if (point == root || point.StartsWith(root + "/", StringComparison.Ordinal)) found.Add(point);
        }
        return found;
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var s = new System.Text.StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && field.AsSpan(i + 1, 3).IndexOfAnyExcept("01234567") < 0)
            {
                s.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else s.Append(field[i]);
        }
        return s.ToString();
    }
}
