using System.Runtime.InteropServices;
using Orca.Runtime.Conmon;

namespace Orca.Runtime.Runc;

/// <summary>
/// Starts a container runc has created, without running `runc start`. A created container's init process
/// (runc init) waits, blocked in opening the state directory's exec.fifo for writing, until somebody opens it
/// for reading; it then writes one byte, closes it and executes the container's process. `runc start` is
/// exactly that read followed by removing the fifo (its absence is what makes runc report the container as
/// running). Doing it here saves a runc process per container start (~25–30 ms on this machine).
/// </summary>
internal static class ExecFifo
{
    public const string FileName = "exec.fifo";
    private const string DeadMessage = "container process is already dead";

    private const int ORdonly = 0, ONonblock = 0x800, OCloexec = 0x80000;
    private const int Eagain = 11, Eintr = 4, Enoent = 2;
    private const short PollIn = 0x1, PollHup = 0x10;

    [DllImport("libc", SetLastError = true, EntryPoint = "open")]
    private static extern int OpenNative(string path, int flags);

    [DllImport("libc", SetLastError = true, EntryPoint = "read")]
    private static extern nint ReadNative(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true, EntryPoint = "poll")]
    private static extern int PollNative(ref PollFd fds, ulong count, int timeoutMs);

    [DllImport("libc", SetLastError = true, EntryPoint = "close")]
    private static extern int CloseNative(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>
    /// Releases the created container whose runc state directory is <paramref name="stateDir"/> and whose init
    /// process is <paramref name="initPid"/>. False when the directory has no exec.fifo (the container is not in
    /// the created state, or the runtime is not runc): the caller falls back to the runtime's own start.
    /// Throws InvalidOperationException when the init process is gone or never reads within <paramref name="timeout"/>.
    /// Blocking (short polls); call it off the request path's hot threads when that matters.
    /// </summary>
    public static bool TryStart(string stateDir, int initPid, TimeSpan timeout)
    {
        var path = Path.Combine(stateDir, FileName);
        // Non-blocking: opening the read end never waits for the writer, and it releases init's blocked open.
        var fd = OpenNative(path, ORdonly | ONonblock | OCloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Enoent) return false;
            throw new IOException($"open {path}: errno {errno}");
        }
        try
        {
            if (!ReadToEnd(fd, initPid, DateTime.UtcNow + timeout))
                throw new InvalidOperationException(DiesSoon(initPid) ? DeadMessage : "cannot start an already running container");
        }
        finally
        {
            CloseNative(fd);
        }
        File.Delete(path);
        return true;
    }

    /// <summary>Reads the fifo until init has written and closed it; false when it closed without writing.</summary>
    private static bool ReadToEnd(int fd, int initPid, DateTime deadline)
    {
        var buffer = new byte[16];
        var received = 0;
        while (true)
        {
            var n = ReadNative(fd, buffer, buffer.Length);
            if (n > 0)
            {
                received += (int)n;
                continue;
            }
            if (n == 0 && received > 0) return true;
            if (n < 0 && Marshal.GetLastPInvokeError() is var errno && errno != Eagain && errno != Eintr)
                throw new IOException($"read exec.fifo: errno {errno}");
            // No data yet: wait for it. Before any writer has connected, poll does not report a hang-up, so this
            // sleeps until init opens, writes or closes; it wakes every 100 ms to check that init still lives.
            var poll = new PollFd { Fd = fd, Events = PollIn };
            var ready = PollNative(ref poll, 1, 100);
            if (ready > 0 && (poll.Revents & PollIn) == 0 && (poll.Revents & PollHup) != 0 && received == 0)
                return false;
            if (ready == 0)
            {
                if (!ConmonLauncher.IsAlive(initPid)) throw new InvalidOperationException(DeadMessage);
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the container's init process did not read its start signal in time");
            }
        }
    }

    /// <summary>
    /// The fifo closed without its byte: either init is dying (killed while it waited — its exit closes the fifo
    /// before it is gone) or the container already ran. Init gets 200 ms to be seen gone.
    /// </summary>
    private static bool DiesSoon(int pid)
    {
        for (var deadline = DateTime.UtcNow.AddMilliseconds(200); DateTime.UtcNow < deadline; Thread.Sleep(5))
        {
            if (!ConmonLauncher.IsAlive(pid)) return true;
        }
        return false;
    }
}
