using System.Diagnostics;
using Orca.Runtime.Conmon;
using Orca.Runtime.Runc;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>
    /// Runs <paramref name="command"/> in the running container (`runc exec`) and collects its output.
    /// Throws TimeoutException after killing the exec'd process when it outlives <paramref name="timeout"/>
    /// (a zero timeout means no limit), InvalidOperationException when the container is not running.
    /// </summary>
    public async Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        RequireRunning(containerId);
        var pidFile = Path.Combine(_store.ContainerDir(containerId), $"exec-{Guid.NewGuid():N}.pid");
        var limit = timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan;
        try
        {
            var outcome = await _runc.ExecAsync(new RuncExecOptions(containerId, command) { PidFile = pidFile }, limit, cancellationToken);
            if (outcome.TimedOut)
                throw new TimeoutException($"command {string.Join(' ', command)} timed out after {timeout}");
            return new ExecResult(outcome.ExitCode, outcome.Stdout, System.Text.Encoding.UTF8.GetBytes(outcome.Stderr));
        }
        finally
        {
            KillExecProcess(pidFile);
            File.Delete(pidFile);
        }
    }

    /// <summary>
    /// An interactive exec: over pipes without a TTY; with a TTY over a host pty whose master is both
    /// Stdout and Stdin (Stderr null), resizable, ExitCode being the exec'd process's exit code.
    /// Throws InvalidOperationException when the container is not running.
    /// </summary>
    public Task<IStreamSession> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken)
    {
        RequireRunning(containerId);
        if (request.Tty)
        {
            var arguments = _runc.GlobalArguments.Concat(new RuncExecOptions(containerId, request.Command) { Tty = true }.ToArguments());
            return Task.FromResult<IStreamSession>(TtyExecSession.Start(_runc.Path, arguments, request));
        }
        var info = new ProcessStartInfo(_runc.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _runc.GlobalArguments.Concat(new RuncExecOptions(containerId, request.Command).ToArguments()))
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start runc exec");
        return Task.FromResult<IStreamSession>(new ExecSession(process, request));
    }

    /// <summary>
    /// Attaches through conmon's attach socket: output from now on (earlier output is in the log),
    /// stdin when the container was created with Stdin. ExitCode completes when the container exits.
    /// </summary>
    public async Task<IStreamSession> AttachAsync(string containerId, bool stdin, bool tty, CancellationToken cancellationToken)
    {
        var record = Refresh(RequireContainer(containerId));
        if (record.State != ContainerState.Running)
            throw new InvalidOperationException($"container {containerId} is {record.State}, not Running");
        if (stdin && !record.Config.Stdin)
            throw new InvalidOperationException($"container {containerId} was not created with stdin open");
        var exitCode = WaitForExitCodeAsync(containerId);
        return await Conmon.AttachSession.ConnectAsync(
            Path.Combine(_store.SocketDir, containerId, "attach"),
            Path.Combine(_store.ContainerDir(containerId), "bundle", "ctl"),
            stdin, record.Config.Tty, exitCode, cancellationToken);
    }

    private async Task<int> WaitForExitCodeAsync(string containerId)
    {
        await WaitUntilAsync(() => File.Exists(_store.ExitFile(containerId)) || _store.LoadContainer(containerId) is null, Timeout.InfiniteTimeSpan, CancellationToken.None, pollMilliseconds: 100);
        return _store.LoadContainer(containerId) is { } record ? Refresh(record).ExitCode : -1;
    }

    private void RequireRunning(string containerId)
    {
        var record = Refresh(RequireContainer(containerId));
        if (record.State != ContainerState.Running)
            throw new InvalidOperationException($"container {containerId} is {record.State}, not Running");
    }

    /// <summary>runc exec does not take its process with it when killed, so a timed-out exec is killed by pid.</summary>
    private static void KillExecProcess(string pidFile)
    {
        if (ConmonLauncher.TryReadPid(pidFile) is not { } pid || !ConmonLauncher.IsAlive(pid))
            return;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
