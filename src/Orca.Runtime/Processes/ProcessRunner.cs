using System.Diagnostics;

namespace Orca.Runtime.Processes;

/// <summary>The captured outcome of one program run.</summary>
internal sealed record ProcessOutcome(int ExitCode, byte[] Stdout, string Stderr, bool TimedOut)
{
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);
}

/// <summary>
/// Runs a program with an explicit argument list, optional stdin bytes and environment, captures
/// stdout and stderr, and kills it (the whole process) on timeout or cancellation. Thread-safe.
/// </summary>
internal static class ProcessRunner
{
    public static async Task<ProcessOutcome> RunAsync(
        string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        byte[]? stdin = null, IReadOnlyDictionary<string, string>? environment = null, bool clearEnvironment = false)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        if (clearEnvironment)
            info.Environment.Clear();
        if (environment is not null)
            foreach (var (key, value) in environment)
                info.Environment[key] = value;

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdoutTask = CopyAllAsync(process.StandardOutput.BaseStream);
        var stderrTask = CopyAllAsync(process.StandardError.BaseStream);
        try
        {
            if (stdin is not null)
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit code tells the story.
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }
        var stdout = await stdoutTask;
        var stderr = await stderrTask;
        return new ProcessOutcome(timedOut ? -1 : process.ExitCode, stdout, System.Text.Encoding.UTF8.GetString(stderr), timedOut);
    }

    /// <summary>Like <see cref="RunAsync"/> but throws <see cref="ExternalProcessException"/> unless the exit code is 0.</summary>
    public static async Task<ProcessOutcome> RunCheckedAsync(
        string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        byte[]? stdin = null, IReadOnlyDictionary<string, string>? environment = null, bool clearEnvironment = false)
    {
        var outcome = await RunAsync(program, arguments, timeout, cancellationToken, stdin, environment, clearEnvironment);
        if (outcome.TimedOut)
            throw new ExternalProcessException(program, arguments, -1, outcome.Stderr, $"timed out after {timeout}: {outcome.Stderr}");
        if (outcome.ExitCode != 0)
            throw new ExternalProcessException(program, arguments, outcome.ExitCode, outcome.Stderr.Length > 0 ? outcome.Stderr : outcome.StdoutText);
        return outcome;
    }

    /// <summary>
    /// Reads a pipe to its end with a small buffer: the default 80 KiB copy buffer comes from the
    /// shared pool as a 128 KiB large-object array, and dozens of concurrent runc/CNI runs make the
    /// pool allocate fresh ones that only a full GC frees — the agent's heap grew by megabytes.
    /// </summary>
    private static async Task<byte[]> CopyAllAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 4096);
        return buffer.ToArray();
    }
}
