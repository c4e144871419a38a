using System.Runtime.InteropServices;

namespace Orca.Agent.Translate;

/// <summary>The parts of stat(2) .NET does not expose: the file type bits and the owning group.</summary>
internal static class FileStat
{
    public const uint TypeMask = 0xF000, Socket = 0xC000, CharDevice = 0x2000, BlockDevice = 0x6000;

    [DllImport("libc", SetLastError = true, EntryPoint = "stat")]
    private static extern int StatNative(string path, byte[] buffer);

    [DllImport("libc", SetLastError = true, EntryPoint = "lstat")]
    private static extern int LstatNative(string path, byte[] buffer);

    /// <summary>st_mode and st_gid of the path (following links when <paramref name="follow"/>), or null when it cannot be read.</summary>
    public static (uint Mode, uint Gid)? Of(string path, bool follow = true)
    {
        var buffer = new byte[256];
        if ((follow ? StatNative(path, buffer) : LstatNative(path, buffer)) != 0) return null;
        // struct stat: x86-64 has 8-byte st_nlink before st_mode; the generic layout (arm64) a 4-byte one after it.
        var (mode, gid) = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? (24, 32) : (16, 28);
        return (BitConverter.ToUInt32(buffer, mode), BitConverter.ToUInt32(buffer, gid));
    }
}
