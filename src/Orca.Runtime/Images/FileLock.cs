using System.Runtime.InteropServices;

namespace Orca.Runtime.Images;

/// <summary>
/// An advisory flock(2) on a lock file, shared or exclusive, held until disposed. Works across
/// processes and between acquisitions in one process (each opens its own descriptor; the file is
/// opened with open(2) directly because FileStream takes flocks of its own). Acquisition polls a
/// non-blocking flock so cancellation is honoured.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    public static async Task<FileLock> AcquireAsync(string path, bool exclusive, CancellationToken cancellationToken)
    {
        var fd = Libc.Open(path, Libc.ORdWr | Libc.OCreat | Libc.OCloExec, 0b110_100_100);
        if (fd < 0) throw new IOException($"open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        try
        {
            var operation = (exclusive ? Libc.LockEx : Libc.LockSh) | Libc.LockNb;
            var delay = 1;
            while (Libc.Flock(fd, operation) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.EWouldBlock) throw new IOException($"flock {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 50);
            }
            return new FileLock(fd);
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Libc.Close(fd);
    }
}
