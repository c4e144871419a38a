using System.Runtime.InteropServices;

namespace Orca.Runtime.Images;

/// <summary>The few libc calls .NET has no API for (device nodes, xattrs, lchown, link, utimensat, flock).</summary>
internal static class Libc
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const uint SIfChr = 0x2000;
    public const uint SIfBlk = 0x6000;
    public const uint SIfIfo = 0x1000;
    public const int LockSh = 1;
    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int LockUn = 8;
    public const int EWouldBlock = 11;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "mknod", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern int Mknod(string path, uint mode, ulong dev);

    [DllImport("libc", EntryPoint = "setxattr", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern int SetXattr(string path, string name, byte[] value, nuint size, int flags);

    [DllImport("libc", EntryPoint = "lgetxattr", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern nint LGetXattr(string path, string name, byte[] value, nuint size);

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern int LChown(string path, int owner, int group);

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern int Link(string oldPath, string newPath);

    [DllImport("libc", EntryPoint = "utimensat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern int UtimensAt(int dirFd, string path, Timespec[] times, int flags);

    public const int ORdWr = 2;
    public const int OCreat = 0x40;
    public const int OCloExec = 0x80000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern int Open(string path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static extern int Flock(int fd, int operation);

    /// <summary>glibc's makedev encoding.</summary>
    public static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
        | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    public static void Check(int result, string what, string path)
    {
        if (result != 0)
            throw new IOException($"{what} {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }
}
