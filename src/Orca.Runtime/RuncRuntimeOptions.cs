namespace Orca.Runtime;

/// <summary>
/// Where <see cref="RuncRuntime"/> keeps its state and which host programs it drives. Only
/// <see cref="Root"/> is required; every other value has the documented default.
/// </summary>
public sealed record RuncRuntimeOptions
{
    /// <summary>State directory (sandboxes, containers, bundles, netns files, exit files), e.g. &lt;dataDir&gt;/runtime.</summary>
    public required string Root { get; init; }

    /// <summary>The OCI runtime: "runc" (default) or "crun" (cgroup v2 hosts only); see <see cref="OciRuntimes"/>.</summary>
    public string Runtime { get; init; } = OciRuntimes.Runc;

    /// <summary>The OCI runtime binary. Default: the runtime's Debian path (/usr/sbin/runc, /usr/bin/crun).</summary>
    public string RuntimePath
    {
        get => _runtimePath ?? OciRuntimes.DefaultPath(Runtime);
        init => _runtimePath = value;
    }

    private readonly string? _runtimePath;

    /// <summary>Where the cgroup file system is mounted (v2 when it holds cgroup.controllers). Default /sys/fs/cgroup.</summary>
    public string CgroupMountRoot { get; init; } = "/sys/fs/cgroup";

    /// <summary>The container monitor. Default /usr/bin/conmon.</summary>
    public string ConmonPath { get; init; } = "/usr/bin/conmon";

    /// <summary>The static init the infra container runs (`-P` pause mode). Default /usr/bin/catatonit.</summary>
    public string PausePath { get; init; } = "/usr/bin/catatonit";

    /// <summary>Directory holding the CNI conflist. Default &lt;Root&gt;/net.d; a default conflist is written when it holds none.</summary>
    public string CniConfDir { get; init; } = "";

    /// <summary>Directory of CNI plugin binaries. Default /usr/lib/cni.</summary>
    public string CniBinDir { get; init; } = "/usr/lib/cni";

    /// <summary>Bridge device of the default conflist. Default orca0.</summary>
    public string BridgeName { get; init; } = "orca0";

    /// <summary>Pod subnet of the default conflist (host-local IPAM). Default 10.88.0.0/16.</summary>
    public string PodSubnet { get; init; } = "10.88.0.0/16";

    /// <summary>Whether the default conflist masquerades pod traffic leaving the node. Default true.</summary>
    public bool IpMasquerade { get; init; } = true;

    /// <summary>Cgroup under which pod cgroups go when a sandbox names no CgroupParent. Default "orca".</summary>
    public string CgroupRoot { get; init; } = "orca";

    /// <summary>Where container logs go when a sandbox has no LogDirectory. Default &lt;Root&gt;/logs.</summary>
    public string LogRoot { get; init; } = "";

    /// <summary>
    /// Pre-started sandboxes (network namespace with its CNI address, infra container) kept ready once
    /// <see cref="RuncRuntime.StartSandboxPool"/> is called, so a pod start skips the sandbox's creation.
    /// Default 2; 0 turns the pool off.
    /// </summary>
    public int SandboxPoolSize { get; init; } = 2;

    /// <summary>Upper bound for one runc/conmon/CNI invocation. Default 60 s.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock for timestamps and waits. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal string EffectiveCniConfDir => CniConfDir.Length > 0 ? CniConfDir : Path.Combine(Root, "net.d");
    internal string EffectiveLogRoot => LogRoot.Length > 0 ? LogRoot : Path.Combine(Root, "logs");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        if (!Path.IsPathRooted(Root))
            throw new ArgumentException($"Root must be an absolute path, got '{Root}'", nameof(Root));
        if (!OciRuntimes.Names.Contains(Runtime))
            throw new ArgumentException($"unknown OCI runtime \"{Runtime}\" (known: {string.Join(", ", OciRuntimes.Names)})", nameof(Runtime));
        if (OciRuntimes.HostProblem(Runtime, CgroupMountRoot) is { } problem)
            throw new ArgumentException(problem, nameof(Runtime));
        foreach (var (name, path) in new[] { (nameof(RuntimePath), RuntimePath), (nameof(ConmonPath), ConmonPath), (nameof(PausePath), PausePath) })
            if (!File.Exists(path))
                throw new ArgumentException($"{name} '{path}' does not exist", name);
        if (!Directory.Exists(CniBinDir))
            throw new ArgumentException($"CniBinDir '{CniBinDir}' does not exist", nameof(CniBinDir));
        if (CommandTimeout <= TimeSpan.Zero)
            throw new ArgumentException("CommandTimeout must be positive", nameof(CommandTimeout));
        if (BridgeName.Length is 0 or > 15)
            throw new ArgumentException($"BridgeName '{BridgeName}' must be 1-15 characters", nameof(BridgeName));
    }
}
