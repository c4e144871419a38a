using System.Text.Json;
using Orca.Runtime.Processes;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime.Runc;

/// <summary>`runc state` output.</summary>
internal sealed record RuncState(string Id, int Pid, string Status, string Bundle, DateTimeOffset Created);

/// <summary>Options of `runc exec`, rendered as an argument list.</summary>
internal sealed record RuncExecOptions(string ContainerId, IReadOnlyList<string> Command)
{
    public bool Tty { get; init; }
    public string? PidFile { get; init; }
    public string? ConsoleSocket { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string> { "exec" };
        if (Tty) args.Add("--tty");
        if (PidFile is not null) args.AddRange(["--pid-file", PidFile]);
        if (ConsoleSocket is not null) args.AddRange(["--console-socket", ConsoleSocket]);
        args.Add(ContainerId);
        args.AddRange(Command);
        return args;
    }
}

/// <summary>
/// A typed wrapper over the runc binary with a private state root. Every call has a timeout and
/// throws <see cref="ExternalProcessException"/> with runc's stderr when runc fails. Thread-safe.
/// </summary>
internal sealed class RuncClient(string runcPath, string stateRoot, TimeSpan timeout)
{
    public string Path => runcPath;
    public string StateRoot => stateRoot;

    /// <summary>The global arguments every invocation starts with (also handed to conmon).</summary>
    public IReadOnlyList<string> GlobalArguments => ["--root", stateRoot];

    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var outcome = await ProcessRunner.RunCheckedAsync(runcPath, ["--version"], timeout, cancellationToken);
        // "runc version 1.1.5" / "crun version 1.8.1": the first line names the version.
        var first = outcome.StdoutText.Split('\n')[0];
        var at = first.IndexOf(" version ", StringComparison.Ordinal);
        return at >= 0 ? first[(at + " version ".Length)..].Trim() : first.Trim();
    }

    public Task StartAsync(string id, CancellationToken cancellationToken) => RunAsync(["start", id], cancellationToken);

    /// <summary>
    /// `runc run --detach`: creates and starts a container with no monitor, its stdin/stdout on /dev/null and
    /// stderr appended to <paramref name="stderrLog"/> (runc hands its own stdio to the container, so pipes
    /// would stay open as long as it runs). Returns the container's pid. For the infra container, whose
    /// output and exit code nobody reads.
    /// </summary>
    public async Task<int> RunDetachedAsync(string id, string bundle, string pidFile, string stderrLog, CancellationToken cancellationToken)
    {
        string[] args = ["-c", "exec \"$0\" \"$@\" </dev/null >/dev/null 2>>\"$ORCA_STDERR\"", runcPath, .. GlobalArguments,
            "run", "--detach", "--pid-file", pidFile, "--bundle", bundle, id];
        var outcome = await ProcessRunner.RunAsync("/bin/sh", args, timeout, cancellationToken, environment: new Dictionary<string, string> { ["ORCA_STDERR"] = stderrLog });
        if (outcome.ExitCode != 0 || outcome.TimedOut)
        {
            var stderr = File.Exists(stderrLog) ? File.ReadAllText(stderrLog) : "";
            throw new ExternalProcessException(runcPath, args[3..], outcome.ExitCode, stderr, outcome.TimedOut ? $"timed out after {timeout}: {stderr}" : null);
        }
        return int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task KillAsync(string id, string signal, CancellationToken cancellationToken) => RunAsync(["kill", id, signal], cancellationToken);

    public Task DeleteAsync(string id, bool force, CancellationToken cancellationToken) =>
        RunAsync(force ? ["delete", "--force", id] : ["delete", id], cancellationToken);

    /// <summary>Whether runc knows the container (its state directory exists).</summary>
    public bool Exists(string id) => Directory.Exists(System.IO.Path.Combine(stateRoot, id));

    /// <summary>The container's state, or null when runc does not know it.</summary>
    public async Task<RuncState?> StateAsync(string id, CancellationToken cancellationToken)
    {
        if (!Exists(id))
            return null;
        var outcome = await ProcessRunner.RunAsync(runcPath, [.. GlobalArguments, "state", id], timeout, cancellationToken);
        if (outcome.ExitCode != 0)
            return Exists(id) ? throw new ExternalProcessException(runcPath, ["state", id], outcome.ExitCode, outcome.Stderr) : null;
        return JsonSerializer.Deserialize(outcome.Stdout, RuntimeJsonContext.Default.RuncState);
    }

    /// <summary>Runs `runc exec` to completion (the caller's timeout applies), capturing output.</summary>
    public Task<ProcessOutcome> ExecAsync(RuncExecOptions options, TimeSpan execTimeout, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(runcPath, [.. GlobalArguments, .. options.ToArguments()], execTimeout, cancellationToken);

    private Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(runcPath, [.. GlobalArguments, .. args], timeout, cancellationToken);
}
