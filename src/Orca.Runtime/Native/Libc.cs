using System.Runtime.InteropServices;

namespace Orca.Runtime.Native;

/// <summary>The few Linux system calls the runtime makes directly (mounts and namespace switching).</summary>
internal static class Libc
{
    public const int CloneNewNet = 0x40000000;
    public const int CloneNewUts = 0x04000000;
    public const int MntDetach = 2;
    public const int Einval = 22;
    public const int Enoent = 2;

    [DllImport("libc", SetLastError = true, EntryPoint = "mount")]
    private static extern int MountNative(string source, string target, string fileSystemType, ulong flags, string? data);

    [DllImport("libc", SetLastError = true, EntryPoint = "umount2")]
    private static extern int Umount2Native(string target, int flags);

    [DllImport("libc", SetLastError = true, EntryPoint = "setns")]
    private static extern int SetnsNative(int fd, int nsType);

    [DllImport("libc", SetLastError = true, EntryPoint = "sethostname")]
    private static extern int SethostnameNative(byte[] name, nint length);

    /// <summary>
    /// Sets the host name inside the UTS namespace of process <paramref name="pid"/>. Runs on a thread of
    /// its own that joins the namespace and then ends, so no other thread of this process ever sees it.
    /// </summary>
    public static void SetHostnameOf(int pid, string hostname)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = File.OpenHandle($"/proc/{pid}/ns/uts");
                Setns(ns, CloneNewUts);
                var bytes = System.Text.Encoding.ASCII.GetBytes(hostname);
                if (SethostnameNative(bytes, bytes.Length) != 0)
                    throw new IOException($"sethostname {hostname} failed: errno {Marshal.GetLastPInvokeError()}");
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "orca-uts" };
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw failure;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "getrlimit")]
    private static extern int GetrlimitNative(int resource, out Rlimit limit);

    public const int RlimitNofile = 7;

    /// <summary>The hard limit of a resource for this process (what a container may be given at most).</summary>
    public static ulong HardLimit(int resource) =>
        GetrlimitNative(resource, out var limit) == 0 ? limit.Maximum : throw new IOException($"getrlimit failed: errno {Marshal.GetLastPInvokeError()}");

    /// <summary>Mounts an overlay filesystem; throws IOException with errno on failure.</summary>
    public static void MountOverlay(string target, string options)
    {
        if (MountNative("overlay", target, "overlay", 0, options) != 0)
            throw new IOException($"mount overlay on {target} failed: errno {Marshal.GetLastPInvokeError()} ({options})");
    }

    /// <summary>Lazily unmounts <paramref name="target"/>; false when it was not mounted or does not exist.</summary>
    public static bool Unmount(string target)
    {
        if (Umount2Native(target, MntDetach) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is Einval or Enoent)
            return false;
        throw new IOException($"umount {target} failed: errno {errno}");
    }

    /// <summary>Moves the calling thread into the namespace <paramref name="fd"/> refers to.</summary>
    public static void Setns(SafeHandle fd, int nsType)
    {
        if (SetnsNative((int)fd.DangerousGetHandle(), nsType) != 0)
            throw new IOException($"setns failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
