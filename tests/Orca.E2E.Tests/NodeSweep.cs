using System.Diagnostics;

namespace Orca.E2E.Tests;

/// <summary>
/// Removes what a test's node agent left on the host, by the names the test chose: processes
/// whose command line mentions the data dir (conmon) or that sit in the cgroup of one of its
/// containers or sandboxes (catatonit, container processes), mounts under it, its bridge, portmap's
/// DNAT rules for the CNI network named after the bridge, and the agent's empty cgroups. Runs in
/// dispose, also after failures.
/// </summary>
public static class NodeSweep
{
    public static void Run(string dataDir, string bridge)
    {
        // Container processes do not mention the data dir; they are found by the cgroup of their
        // container or sandbox, whose ids the runtime keeps under <dataDir>/runtime.
        var ids = new[] { "sandboxes", "containers" }
            .Select(d => Path.Combine(dataDir, "runtime", d))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Select(Path.GetFileName)
            .OfType<string>()
            .ToList();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var cgroups = File.ReadAllText(Path.Combine(dir, "cgroup"));
                if (cmdline.Contains(dataDir, StringComparison.Ordinal) || ids.Any(id => cgroups.Contains(id, StringComparison.Ordinal)))
                    Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
        var mounts = File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')[1]).Where(m => m.StartsWith(dataDir, StringComparison.Ordinal)).Reverse();
        foreach (var m in mounts) Run("umount", "-l", m);
        Run("ip", "link", "del", bridge);
        RemovePortmapRules(bridge);
        RemoveEmptyCgroups();
    }

    /// <summary>
    /// portmap's rules of one network: the jumps in CNI-HOSTPORT-DNAT whose comment names the network
    /// (`dnat name: "NET" id: "…"`) and the per-container CNI-DN-* chains they lead to. The shared
    /// CNI-HOSTPORT-* chains stay (other networks use them).
    /// </summary>
    private static void RemovePortmapRules(string network)
    {
        var rules = HostState.PortmapRules(network).Where(l => l.StartsWith("-A CNI-HOSTPORT-DNAT ", StringComparison.Ordinal)).ToList();
        if (rules.Count == 0) return;
        var chains = rules.Select(r => r.Split(' ')).Select(w => w[Array.IndexOf(w, "-j") + 1]).Where(c => c.StartsWith("CNI-DN-", StringComparison.Ordinal)).Distinct().ToList();
        var script = new System.Text.StringBuilder("*nat\n");
        foreach (var rule in rules) script.Append("-D").Append(rule[2..]).Append('\n');
        foreach (var chain in chains) script.Append("-F ").Append(chain).Append('\n').Append("-X ").Append(chain).Append('\n');
        script.Append("COMMIT\n");
        var psi = new ProcessStartInfo("iptables-restore", "--noflush") { RedirectStandardInput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(script.ToString());
        p.StandardInput.Close();
        p.WaitForExit(10_000);
    }

    /// <summary>The agent's cgroup tree (orca/qos/pod…) in every hierarchy, depth first; busy or shared ones stay.</summary>
    private static void RemoveEmptyCgroups()
    {
        foreach (var root in new[] { "/sys/fs/cgroup" }.Concat(Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : []))
        {
            var orca = Path.Combine(root, "orca");
            if (!Directory.Exists(orca)) continue;
            foreach (var dir in Directory.GetDirectories(orca, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).Append(orca))
            {
                try { Directory.Delete(dir); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    private static void Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            p.WaitForExit(10_000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
