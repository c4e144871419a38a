using System.Diagnostics;

namespace Orca.Runtime.Tests.Runtime;

/// <summary>
/// One runtime over a private temp root, bridge orcat0 on 10.89.0.0/24 and cgroup root
/// orcatest-&lt;random&gt;. Dispose removes every sandbox, then sweeps what a failed test may have
/// left: runc containers under the private root, conmon processes naming it, mounts below it,
/// the bridge, the cgroup root and the directory itself.
/// </summary>
public sealed class RuntimeFixture : IAsyncLifetime
{
    public const string Bridge = "orcat0";
    public string Directory { get; } = Path.Combine("/tmp", "orcart-" + Guid.NewGuid().ToString("N")[..8]);
    public string CgroupRoot { get; } = "orcatest-" + Guid.NewGuid().ToString("N")[..8];
    internal FakeImages Images { get; private set; } = null!;
    public RuncRuntime Runtime { get; private set; } = null!;
    public RuncRuntimeOptions Options { get; private set; } = null!;

    private bool _hostportChainsExisted;

    public Task InitializeAsync()
    {
        _hostportChainsExisted = Run("iptables", "-t", "nat", "-S", "CNI-HOSTPORT-DNAT") == 0;
        System.IO.Directory.CreateDirectory(Directory);
        Images = new FakeImages(Directory);
        Options = new RuncRuntimeOptions
        {
            Root = Path.Combine(Directory, "root"),
            CniConfDir = Path.Combine(Directory, "net.d"),
            BridgeName = Bridge,
            PodSubnet = "10.89.0.0/24",
            IpMasquerade = false,
            CgroupRoot = CgroupRoot,
            LogRoot = Path.Combine(Directory, "logs"),
        };
        Runtime = new RuncRuntime(Options, Images);
        return Task.CompletedTask;
    }

    public RuncRuntime NewRuntimeOverSameRoot() => new(Options, Images);

    /// <summary>
    /// The directories of <paramref name="cgroupPath"/> that exist in any cgroup hierarchy of this host (each v1
    /// controller, the hybrid "unified" one, or the v2 root).
    /// </summary>
    public static List<string> CgroupsAt(string cgroupPath)
    {
        var relative = cgroupPath.TrimStart('/');
        var roots = System.IO.Directory.EnumerateDirectories("/sys/fs/cgroup").Prepend("/sys/fs/cgroup");
        return [.. roots.Select(r => Path.Combine(r, relative)).Where(System.IO.Directory.Exists)];
    }

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var sandbox in await Runtime.ListPodSandboxesAsync(CancellationToken.None))
                await Runtime.RemovePodSandboxAsync(sandbox.Id, CancellationToken.None);
        }
        finally
        {
            Sweep();
        }
    }

    private void Sweep()
    {
        var runcRoot = Path.Combine(Options.Root, "runc");
        if (System.IO.Directory.Exists(runcRoot))
            foreach (var id in System.IO.Directory.EnumerateDirectories(runcRoot).Select(Path.GetFileName))
                Run("runc", "--root", runcRoot, "delete", "--force", id!);
        foreach (var pid in ProcessesMentioning(Directory))
            Run("kill", "-9", pid.ToString());
        foreach (var mount in MountsBelow(Directory))
            Run("umount", "-l", mount);
        Run("ip", "link", "del", Bridge);
        foreach (var controller in System.IO.Directory.EnumerateDirectories("/sys/fs/cgroup"))
            RemoveCgroupTree(Path.Combine(controller, CgroupRoot));
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
        if (!_hostportChainsExisted)
            RemoveHostportChains();
    }

    /// <summary>
    /// portmap creates shared nat chains on first use and never removes them. When this run created
    /// them and no other user has put a DNAT rule in them, they and their jump rules go.
    /// </summary>
    private static void RemoveHostportChains()
    {
        if (Run("iptables", ["-t", "nat", "-S", "CNI-HOSTPORT-DNAT"], out var rules) != 0 || rules.Contains("-A CNI-HOSTPORT-DNAT"))
            return;
        Run("iptables", "-t", "nat", "-D", "PREROUTING", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT");
        Run("iptables", "-t", "nat", "-D", "OUTPUT", "-m", "addrtype", "--dst-type", "LOCAL", "-j", "CNI-HOSTPORT-DNAT");
        Run("iptables", "-t", "nat", "-D", "POSTROUTING", "-m", "comment", "--comment", "CNI portfwd requiring masquerade", "-j", "CNI-HOSTPORT-MASQ");
        foreach (var chain in new[] { "CNI-HOSTPORT-DNAT", "CNI-HOSTPORT-MASQ", "CNI-HOSTPORT-SETMARK" })
        {
            Run("iptables", "-t", "nat", "-F", chain);
            Run("iptables", "-t", "nat", "-X", chain);
        }
    }

    /// <summary>Mount points under <paramref name="prefix"/>, deepest first.</summary>
    internal static List<string> MountsBelow(string prefix) =>
        File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(m => m.Length).ToList();

    internal static List<int> ProcessesMentioning(string text)
    {
        var pids = new List<int>();
        foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                    pids.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }

    private static void RemoveCgroupTree(string dir)
    {
        if (!System.IO.Directory.Exists(dir))
            return;
        foreach (var child in System.IO.Directory.EnumerateDirectories(dir))
            RemoveCgroupTree(child);
        try { System.IO.Directory.Delete(dir); } catch (IOException) { }
    }

    private static int Run(string program, params string[] args) => Run(program, args, out _);

    private static int Run(string program, string[] args, out string stdout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        stdout = process.StandardOutput.ReadToEnd();
        errors.Wait();
        process.WaitForExit();
        return process.ExitCode;
    }
}

[CollectionDefinition(Name)]
public sealed class RuntimeCollection : ICollectionFixture<RuntimeFixture>
{
    public const string Name = "runc runtime";
}
