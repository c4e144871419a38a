using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using Orca.Runtime.Native;

namespace Orca.Runtime.Runc;

/// <summary>
/// A `runc exec --tty` in the foreground whose stdio is the slave of a host pty this session owns.
/// runc creates the container's own pty, copies between the two and exits with the process's exit
/// code; a resize sets the host pty's size and sends runc SIGWINCH, which runc copies inward.
/// Stdout reads and Stdin writes the master; Stderr is null. Dispose kills runc and the exec'd
/// process (a child of runc) if still running, then closes the master. Not thread-safe for
/// concurrent dispose.
/// </summary>
internal sealed class TtyExecSession : IStreamSession
{
    private readonly Process _process;
    private readonly SafeFileHandle _master;
    private readonly FileStream _masterStream;
    private readonly SafeFileHandle _slave;

    private TtyExecSession(Process process, SafeFileHandle master, SafeFileHandle slave, ExecRequest request)
    {
        _process = process;
        _master = master;
        _slave = slave;
        _masterStream = new FileStream(master, FileAccess.ReadWrite, bufferSize: 0);
        Stdin = request.Stdin ? new PtyStream(_masterStream, reads: false) : null;
        Stdout = new PtyStream(_masterStream, reads: true);
        if (!request.Stdout)
        {
            _ = Stdout.CopyToAsync(Stream.Null);
            Stdout = null;
        }
        ExitCode = WaitAsync();
    }

    public Stream? Stdin { get; }
    public Stream? Stdout { get; }
    public Stream? Stderr => null;
    public Task<int> ExitCode { get; }

    /// <summary>
    /// Starts runc through /bin/sh, which opens the pty slave by path as fds 0-2 and execs runc
    /// (.NET cannot hand a child arbitrary descriptors). runc's own failures appear on Stdout.
    /// </summary>
    public static TtyExecSession Start(string runcPath, IEnumerable<string> runcArguments, ExecRequest request)
    {
        var (master, slave, slavePath) = Pty.Open();
        try
        {
            var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            foreach (var argument in new[] { "-c", "exec \"$@\" <>\"$0\" >&0 2>&0", slavePath, runcPath }.Concat(runcArguments))
                info.ArgumentList.Add(argument);
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start runc exec");
            return new TtyExecSession(process, master, slave, request);
        }
        catch
        {
            slave.Dispose();
            master.Dispose();
            throw;
        }
    }

    public Task ResizeAsync(int width, int height, CancellationToken cancellationToken)
    {
        if (_master.IsClosed || _process.HasExited)
            return Task.CompletedTask;
        Pty.SetWindowSize(_master, width, height);
        Pty.SignalWindowChange(_process.Id);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        await ExitCode;
        _process.Dispose();
        await _masterStream.DisposeAsync();
    }

    private async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync();
        // Last holder of the slave gone: the master drains what runc wrote, then reads end.
        _slave.Dispose();
        return _process.ExitCode;
    }
}
