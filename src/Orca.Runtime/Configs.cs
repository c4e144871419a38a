namespace Orca.Runtime;

public enum NamespaceMode { Pod, Container, Node }

public sealed record PortMapping(string Protocol, int ContainerPort, int HostPort, string HostIp = "");

public sealed record DnsConfig(IReadOnlyList<string> Servers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options);

/// <summary>A pod sandbox: identity, hostname, DNS, host ports, namespaces and the cgroup parent.</summary>
public sealed record PodSandboxConfig
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required string Uid { get; init; }
    public int Attempt { get; init; }
    public string Hostname { get; init; } = "";
    /// <summary>Directory for the containers' CRI log files (/var/log/pods/ns_name_uid).</summary>
    public string LogDirectory { get; init; } = "";
    public DnsConfig? Dns { get; init; }
    public IReadOnlyList<PortMapping> PortMappings { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    /// <summary>The pod's cgroup (e.g. /orca/burstable/pod&lt;uid&gt;), created by the runtime under its driver.</summary>
    public string CgroupParent { get; init; } = "";
    public NamespaceMode Network { get; init; } = NamespaceMode.Pod;
    /// <summary>Pod = shareProcessNamespace; Container = each container its own; Node = hostPID.</summary>
    public NamespaceMode Pid { get; init; } = NamespaceMode.Container;
    public NamespaceMode Ipc { get; init; } = NamespaceMode.Pod;
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// Some container of the pod is privileged. The infra container then mounts /sys read-write: sysfs
    /// has one superblock per network namespace, and the first (infra) mount decides whether it is
    /// writable for the privileged containers that share the namespace.
    /// </summary>
    public bool Privileged { get; init; }
}

public sealed record KeyValue(string Key, string Value);

public sealed record Mount(string ContainerPath, string HostPath, bool ReadOnly = false, string Propagation = "private");

/// <summary>Per-container resources, as the kubelet computes them from requests and limits.</summary>
public sealed record LinuxResources
{
    public long CpuShares { get; init; }
    public long CpuQuota { get; init; }
    public long CpuPeriod { get; init; } = 100_000;
    public long MemoryLimitInBytes { get; init; }
    public long OomScoreAdj { get; init; }
}

public sealed record ContainerSecurity
{
    public bool Privileged { get; init; }
    public long? RunAsUser { get; init; }
    public long? RunAsGroup { get; init; }
    public IReadOnlyList<long> SupplementalGroups { get; init; } = [];
    public bool ReadOnlyRootfs { get; init; }
    public bool NoNewPrivileges { get; init; }
    public IReadOnlyList<string> AddCapabilities { get; init; } = [];
    public IReadOnlyList<string> DropCapabilities { get; init; } = [];
    /// <summary>The seccomp filter; ignored for privileged containers (always unconfined).</summary>
    public SeccompProfile Seccomp { get; init; } = SeccompProfile.Unconfined;
}

public enum SeccompKind { Unconfined, RuntimeDefault, Localhost }

/// <summary>
/// A container's seccomp profile: none, the runtime's default filter, or a profile file on the node
/// (<see cref="LocalhostPath"/>, an absolute path to an OCI/Docker-format seccomp JSON file).
/// </summary>
public sealed record SeccompProfile(SeccompKind Kind, string? LocalhostPath = null)
{
    public static readonly SeccompProfile Unconfined = new(SeccompKind.Unconfined);
    public static readonly SeccompProfile RuntimeDefault = new(SeccompKind.RuntimeDefault);
}

/// <summary>A container in a sandbox. Command/Args override the image's Entrypoint/Cmd as Kubernetes does.</summary>
public sealed record ContainerConfig
{
    public required string Name { get; init; }
    public int Attempt { get; init; }
    public required string Image { get; init; }
    public IReadOnlyList<string> Command { get; init; } = [];
    public IReadOnlyList<string> Args { get; init; } = [];
    public string WorkingDir { get; init; } = "";
    public IReadOnlyList<KeyValue> Env { get; init; } = [];
    public IReadOnlyList<Mount> Mounts { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    /// <summary>Log file path relative to the sandbox's LogDirectory (e.g. "app/0.log").</summary>
    public string LogPath { get; init; } = "";
    public bool Stdin { get; init; }
    public bool StdinOnce { get; init; }
    public bool Tty { get; init; }
    public LinuxResources Resources { get; init; } = new();
    public ContainerSecurity Security { get; init; } = new();
}

public enum SandboxState { Ready, NotReady }

public sealed record PodSandboxStatus(string Id, PodSandboxConfig Config, SandboxState State, DateTimeOffset CreatedAt, string? Ip, IReadOnlyList<string> AdditionalIps);

public enum ContainerState { Created, Running, Exited, Unknown }

/// <summary>A container's state; Reason is "OOMKilled", "Error" or "Completed" once it exited.</summary>
public sealed record ContainerStatus
{
    public required string Id { get; init; }
    public required string SandboxId { get; init; }
    public required ContainerConfig Config { get; init; }
    public ContainerState State { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int ExitCode { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    /// <summary>The image id (config digest) the container runs.</summary>
    public string ImageRef { get; init; } = "";
    public string LogPath { get; init; } = "";
    public int Pid { get; init; }
}

public sealed record ExecResult(int ExitCode, byte[] Stdout, byte[] Stderr);

public sealed record ExecRequest(IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty);

/// <summary>
/// The streams of an exec or attach. Stdin is null unless requested; with a TTY, Stderr is null and
/// output comes on Stdout. <see cref="ExitCode"/> completes when the process ends (attach: when the
/// container stops). Dispose ends the session (kills an exec still running).
/// </summary>
public interface IStreamSession : IAsyncDisposable
{
    Stream? Stdin { get; }
    Stream? Stdout { get; }
    Stream? Stderr { get; }
    Task<int> ExitCode { get; }
    Task ResizeAsync(int width, int height, CancellationToken cancellationToken);
}

public sealed record ContainerStats(DateTimeOffset Timestamp, ulong CpuUsageNanoCores, ulong CpuUsageCoreNanoSeconds, ulong MemoryWorkingSetBytes);
