using System.Diagnostics;

namespace Orca.Runtime.Runc;

/// <summary>
/// The streams of a `runc exec` child process. Disposing closes stdin and kills runc and its
/// process tree if still running. Not thread-safe for concurrent dispose.
/// </summary>
internal sealed class ExecSession : IStreamSession
{
    private readonly Process _process;

    public ExecSession(Process process, ExecRequest request)
    {
        _process = process;
        Stdin = request.Stdin ? process.StandardInput.BaseStream : null;
        if (!request.Stdin)
            process.StandardInput.Close();
        Stdout = request.Stdout ? process.StandardOutput.BaseStream : null;
        Stderr = request.Stderr ? process.StandardError.BaseStream : null;
        if (!request.Stdout)
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        if (!request.Stderr)
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        ExitCode = WaitAsync();
    }

    public Stream? Stdin { get; }
    public Stream? Stdout { get; }
    public Stream? Stderr { get; }
    public Task<int> ExitCode { get; }

    public Task ResizeAsync(int width, int height, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        try { await ExitCode; } catch (InvalidOperationException) { }
        _process.Dispose();
    }

    private async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }
}
