using System.Diagnostics;

namespace Orca.E2E.Tests;

/// <summary>What a test's node left on the host, looked up by the names the test chose: runc containers, processes, portmap rules.</summary>
public static class HostState
{
    /// <summary>Ids of the containers runc knows under the agent's runc root.</summary>
    public static IReadOnlyList<string> RuncContainers(string dataDir) =>
        Run("runc", "--root", Path.Combine(dataDir, "runtime", "runc"), "list", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Processes whose command line names <paramref name="text"/> (conmon names its container id).</summary>
    public static IReadOnlyList<int> ProcessesMentioning(string text) => Processes(d => Read(Path.Combine(d, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal));

    /// <summary>Processes in the cgroup of the pod with this uid (its sandbox and containers).</summary>
    public static IReadOnlyList<int> ProcessesInPod(string uid) => Processes(d => Read(Path.Combine(d, "cgroup")).Contains($"pod{uid}", StringComparison.Ordinal));

    /// <summary>Lines of the nat table that belong to the CNI network named <paramref name="network"/> (portmap's DNAT rules).</summary>
    public static IReadOnlyList<string> PortmapRules(string network) =>
        Run("iptables-save", "-t", "nat").Split('\n').Where(l => l.Contains($"dnat name: \\\"{network}\\\"", StringComparison.Ordinal)).ToList();

    private static List<int> Processes(Func<string, bool> match) =>
        Directory.GetDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var p) ? p : 0, Dir: d))
            .Where(x => x.Pid > 0 && x.Pid != Environment.ProcessId && match(x.Dir))
            .Select(x => x.Pid)
            .ToList();

    private static string Read(string path)
    {
        try { return File.ReadAllText(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    internal static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(10_000);
        return output;
    }
}
