using Microsoft.Win32.SafeHandles;

namespace Orca.Runtime.Images;

/// <summary>
/// An advisory flock(2) on a lock file, shared or exclusive, held until disposed. Works across
/// processes and between handles of one process (each acquisition opens its own descriptor).
/// Acquisition polls with a non-blocking flock so cancellation is honoured.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, bool exclusive, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var fd = (int)stream.SafeFileHandle.DangerousGetHandle();
            var operation = (exclusive ? Libc.LockEx : Libc.LockSh) | Libc.LockNb;
            var delay = 1;
            while (Libc.Flock(fd, operation) != 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno != Libc.EWouldBlock) throw new IOException($"flock {path}: errno {errno}");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 50);
            }
            return new FileLock(stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose() => _stream.Dispose();
}
