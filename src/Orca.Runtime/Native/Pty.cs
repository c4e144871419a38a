using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Orca.Runtime.Native;

/// <summary>
/// A host pseudo-terminal pair: this process keeps the master; the slave is opened by path by the
/// child that should own it. Both descriptors this process holds are close-on-exec so no child
/// inherits them; a master read ends (EIO) once every holder of the slave is gone.
/// </summary>
internal static class Pty
{
    private const int ORdwr = 2;
    private const int ONoctty = 0x100;
    private const int OCloexec = 0x80000;
    private const ulong Tiocswinsz = 0x5414;
    private const int Tcsanow = 0;
    private const int Sigwinch = 28;

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "posix_openpt")]
    private static extern int PosixOpenpt(int flags);

    [DllImport("libc", SetLastError = true, EntryPoint = "grantpt")]
    private static extern int Grantpt(int fd);

    [DllImport("libc", SetLastError = true, EntryPoint = "unlockpt")]
    private static extern int Unlockpt(int fd);

    [DllImport("libc", SetLastError = true, EntryPoint = "ptsname_r")]
    private static extern int PtsnameR(int fd, byte[] buffer, nuint length);

    [DllImport("libc", SetLastError = true, EntryPoint = "open")]
    private static extern int OpenNative(string path, int flags);

    [DllImport("libc", SetLastError = true, EntryPoint = "tcgetattr")]
    private static extern int Tcgetattr(int fd, byte[] termios);

    [DllImport("libc", EntryPoint = "cfmakeraw")]
    private static extern void Cfmakeraw(byte[] termios);

    [DllImport("libc", SetLastError = true, EntryPoint = "tcsetattr")]
    private static extern int Tcsetattr(int fd, int action, byte[] termios);

    [DllImport("libc", SetLastError = true, EntryPoint = "ioctl")]
    private static extern int IoctlWinSize(int fd, ulong request, ref WinSize size);

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int KillNative(int pid, int signal);

    /// <summary>
    /// Opens a new pty in raw mode (no echo, no line editing, no output processing: the terminal that
    /// matters is the one inside the container). Returns the owned master, an owned slave descriptor
    /// (hold it until the child that opens the slave by path has exited, so the master neither reports
    /// a hang-up before the child opened it nor loses output) and the slave's path; throws IOException with errno.
    /// </summary>
    public static (SafeFileHandle Master, SafeFileHandle Slave, string SlavePath) Open()
    {
        var fd = PosixOpenpt(ORdwr | ONoctty | OCloexec);
        if (fd < 0)
            throw Error("posix_openpt");
        var master = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (Grantpt(fd) != 0)
                throw Error("grantpt");
            if (Unlockpt(fd) != 0)
                throw Error("unlockpt");
            var name = new byte[128];
            var rc = PtsnameR(fd, name, (nuint)name.Length);
            if (rc != 0)
                throw new IOException($"ptsname_r failed: errno {rc}");
            var path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
            var slaveFd = OpenNative(path, ORdwr | ONoctty | OCloexec);
            if (slaveFd < 0)
                throw Error("open " + path);
            var slave = new SafeFileHandle(slaveFd, ownsHandle: true);
            try
            {
                // glibc's struct termios is 60 bytes; the buffer leaves room for any layout.
                var termios = new byte[256];
                if (Tcgetattr(slaveFd, termios) != 0)
                    throw Error("tcgetattr");
                Cfmakeraw(termios);
                if (Tcsetattr(slaveFd, Tcsanow, termios) != 0)
                    throw Error("tcsetattr");
                return (master, slave, path);
            }
            catch
            {
                slave.Dispose();
                throw;
            }
        }
        catch
        {
            master.Dispose();
            throw;
        }
    }

    /// <summary>Sets the window size of the pty <paramref name="fd"/> belongs to; throws IOException with errno.</summary>
    public static void SetWindowSize(SafeFileHandle fd, int columns, int rows)
    {
        var size = new WinSize { Columns = (ushort)Math.Clamp(columns, 0, ushort.MaxValue), Rows = (ushort)Math.Clamp(rows, 0, ushort.MaxValue) };
        if (IoctlWinSize((int)fd.DangerousGetHandle(), Tiocswinsz, ref size) != 0)
            throw Error("ioctl TIOCSWINSZ");
    }

    /// <summary>Sends SIGWINCH; false when the process is gone.</summary>
    public static bool SignalWindowChange(int pid) => KillNative(pid, Sigwinch) == 0;

    private static IOException Error(string call) => new($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
}
