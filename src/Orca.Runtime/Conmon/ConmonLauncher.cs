using System.Text.RegularExpressions;
using Orca.Runtime.Processes;

namespace Orca.Runtime.Conmon;

/// <summary>Options of one conmon launch (it runs `runc create` and then monitors the container).</summary>
internal sealed record ConmonOptions
{
    public required string ContainerId { get; init; }
    public required string Name { get; init; }
    public required string Bundle { get; init; }
    public required string RuntimePath { get; init; }
    public required IReadOnlyList<string> RuntimeArguments { get; init; }
    public required string LogPath { get; init; }
    public required string ExitDir { get; init; }
    public required string SocketDir { get; init; }
    public bool Stdin { get; init; }
    /// <summary>Close the container's stdin when the first attached client detaches (Kubernetes stdinOnce).</summary>
    public bool StdinOnce { get; init; }
    public bool Terminal { get; init; }

    public string ContainerPidFile => Path.Combine(Bundle, "pidfile");
    public string ConmonPidFile => Path.Combine(Bundle, "conmon.pid");
    public string RuntimeLogFile => Path.Combine(Bundle, "runc.log");

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string>
        {
            "--api-version", "1",
            "-c", ContainerId, "-u", ContainerId, "-n", Name,
            "-r", RuntimePath, "-b", Bundle,
            "-p", ContainerPidFile, "-P", ConmonPidFile,
            "-l", "k8s-file:" + LogPath,
            "--exit-dir", ExitDir, "--socket-dir-path", SocketDir,
            "--log-level", "error",
            "--runtime-arg", "--log", "--runtime-arg", RuntimeLogFile,
        };
        foreach (var runtimeArgument in RuntimeArguments)
            args.AddRange(["--runtime-arg", runtimeArgument]);
        if (Stdin) args.Add("-i");
        if (Stdin && !StdinOnce) args.Add("--leave-stdin-open");
        if (Terminal) args.Add("-t");
        return args;
    }
}

/// <summary>
/// Starts conmon and waits until runc has created the container. conmon daemonises and returns
/// before runc is done, so readiness is the container pidfile appearing; a conmon that exits
/// without it means `runc create` failed, and runc's log becomes the exception message.
/// </summary>
internal sealed partial class ConmonLauncher(string conmonPath, TimeSpan timeout, TimeProvider time)
{
    /// <summary>Launches conmon; returns the container's init pid once runc created it.</summary>
    public async Task<int> LaunchAsync(ConmonOptions options, CancellationToken cancellationToken)
    {
        File.Delete(options.ContainerPidFile);
        Directory.CreateDirectory(Path.GetDirectoryName(options.LogPath)!);
        var args = options.ToArguments();
        await ProcessRunner.RunCheckedAsync(conmonPath, args, timeout, cancellationToken);

        // runc create takes tens of milliseconds: poll the pidfile tightly for the first quarter
        // second (a stat per 2 ms costs nothing next to it), then back off.
        var started = time.GetUtcNow();
        var deadline = started + timeout;
        while (true)
        {
            if (TryReadPid(options.ContainerPidFile) is { } pid)
                return pid;
            if (TryReadPid(options.ConmonPidFile) is { } conmonPid && !IsAlive(conmonPid) && TryReadPid(options.ContainerPidFile) is null)
                throw new ContainerStartException(RuntimeError(options));
            if (time.GetUtcNow() > deadline)
                throw new ExternalProcessException(conmonPath, args, -1, "", $"container not created within {timeout}: " + ReadRuntimeLog(options));
            var delay = time.GetUtcNow() - started < TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(2) : TimeSpan.FromMilliseconds(20);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    internal static int? TryReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    internal static bool IsAlive(int pid) => Exists(pid) && !IsZombie(pid);

    /// <summary>Whether a process with this pid exists (zombies included): one stat, no read.</summary>
    internal static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// What the runtime said when it failed: the message of the last error in its log (runc writes
    /// `time="…" level=error msg="runc create failed: …"`), or the raw last lines when none parses.
    /// </summary>
    private static string RuntimeError(ConmonOptions options)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(options.RuntimeLogFile);
        }
        catch (IOException)
        {
            return "the OCI runtime failed to create the container (no runtime log)";
        }
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (!lines[i].Contains("level=error", StringComparison.Ordinal)) continue;
            var match = LogMessage().Match(lines[i]);
            if (match.Success) return Regex.Unescape(match.Groups[1].Value);
        }
        return lines.Length == 0 ? "the OCI runtime failed to create the container (runtime log empty)" : string.Join(" | ", lines.TakeLast(3));
    }

    [GeneratedRegex(@"msg=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LogMessage();

    private static string ReadRuntimeLog(ConmonOptions options)
    {
        try
        {
            var lines = File.ReadAllLines(options.RuntimeLogFile);
            return lines.Length == 0 ? "(runc log empty)" : string.Join(" | ", lines.TakeLast(3));
        }
        catch (IOException)
        {
            return "(no runc log)";
        }
    }
}
