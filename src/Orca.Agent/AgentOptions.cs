namespace Orca.Agent;

/// <summary>How the node agent runs. Defaults are in each property's doc; <see cref="Validate"/> runs at start-up.</summary>
public sealed record AgentOptions
{
    /// <summary>The Node's name. Default: the machine's host name, lower-cased.</summary>
    public string? NodeName { get; init; }

    /// <summary>Root of the agent's files: pods/&lt;uid&gt;/volumes, manifests. Default /var/lib/orca/agent.</summary>
    public string DataDir { get; init; } = "/var/lib/orca/agent";

    /// <summary>Static pod manifests (YAML or JSON). Default: &lt;DataDir&gt;/manifests. Empty string disables static pods.</summary>
    public string? StaticPodDir { get; init; }

    /// <summary>Pods capacity of the node. Default 110.</summary>
    public int PodsPerNode { get; init; } = 110;

    /// <summary>Port reported as daemonEndpoints.kubeletEndpoint. Default 10250.</summary>
    public int Port { get; init; } = 10250;

    /// <summary>How often the node lease is renewed. Default 10 s.</summary>
    public TimeSpan LeaseRenewInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>leaseDurationSeconds of the node lease. Default 40 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>How often node status is computed; it is written only when it changed. Default 10 s.</summary>
    public TimeSpan NodeStatusUpdateFrequency { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Node status is written at least this often even when unchanged. Default 5 min.</summary>
    public TimeSpan NodeStatusReportFrequency { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the runtime is relisted to notice container changes (the PLEG). Default 1 s.</summary>
    public TimeSpan RelistPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the static pod directory is read and mirror pods are checked. Default 20 s.</summary>
    public TimeSpan StaticPodCheckPeriod { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Every pod is synced at least this often. Default 1 min.</summary>
    public TimeSpan SyncFrequency { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Sandboxes of pods gone from every source are removed this often (and at start). Default 1 min.</summary>
    public TimeSpan GarbageCollectionPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Crash-loop and image-pull back-off: first delay (default 10 s), doubling up to the max (default 5 min).</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A back-off is forgotten after a container ran this long without a crash. Default 10 min.</summary>
    public TimeSpan BackoffReset { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Concurrent pod workers (each pod is still synced by one at a time). Default 64: the kubelet runs
    /// every pod's worker concurrently, and a worker mostly waits (on a grace period, a runc process),
    /// so a small pool makes mass deletions wait in waves of grace periods.
    /// </summary>
    public int Workers { get; init; } = 64;

    /// <summary>
    /// The kubelet's --seccomp-default: containers whose pod and container leave seccompProfile unset run
    /// under the RuntimeDefault profile instead of unconfined. Default false, as the kubelet.
    /// </summary>
    public bool SeccompDefault { get; init; }

    /// <summary>Where Localhost seccomp profiles live (localhostProfile is relative to it). Default: &lt;DataDir&gt;/seccomp.</summary>
    public string? SeccompProfileRoot { get; init; }

    /// <summary>Directory for container logs. Default /var/log/pods.</summary>
    public string PodLogDir { get; init; } = "/var/log/pods";

    /// <summary>Nameservers written to pods' resolv.conf (dnsPolicy ClusterFirst). Default: none (the runtime's default).</summary>
    public IReadOnlyList<string> ClusterDns { get; init; } = [];

    /// <summary>Cluster domain for DNS search paths. Default cluster.local.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>Image garbage collection starts when the image filesystem is this full (percent). Default 85; 100 disables it.</summary>
    public int ImageGCHighThresholdPercent { get; init; } = 85;

    /// <summary>Image garbage collection frees space until the image filesystem is under this (percent). Default 80.</summary>
    public int ImageGCLowThresholdPercent { get; init; } = 80;

    /// <summary>An unused image is not collected before it was known this long. Default 2 min.</summary>
    public TimeSpan ImageMinimumGCAge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often image filesystem usage is checked. Default 5 min.</summary>
    public TimeSpan ImageGCPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Hard eviction thresholds: signal → quantity ("100Mi") or percentage of capacity ("10%"). Signals:
    /// memory.available, nodefs.available, nodefs.inodesFree, imagefs.available, imagefs.inodesFree.
    /// Default (the kubelet's): memory.available 100Mi, nodefs.available 10%, imagefs.available 15%,
    /// nodefs.inodesFree 5%. Empty disables node-pressure eviction.
    /// </summary>
    public IReadOnlyDictionary<string, string> EvictionHard { get; init; } = Eviction.EvictionSignals.Defaults;

    /// <summary>How often eviction signals are observed (and at most one pod evicted). Default 10 s.</summary>
    public TimeSpan EvictionMonitoringPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A pressure condition stays True this long after its threshold was last crossed. Default 5 min.</summary>
    public TimeSpan EvictionPressureTransitionPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Parses the kubelet's --eviction-hard form "memory.available&lt;100Mi,nodefs.available&lt;10%"; throws ArgumentException on a malformed entry.</summary>
    public static IReadOnlyDictionary<string, string> ParseEvictionHard(string flag) => Eviction.EvictionSignals.ParseFlag(flag);

    internal string ResolvedNodeName => (NodeName ?? System.Net.Dns.GetHostName()).ToLowerInvariant();

    internal string ResolvedStaticPodDir => StaticPodDir ?? Path.Combine(DataDir, "manifests");

    internal string ResolvedSeccompProfileRoot => SeccompProfileRoot ?? Path.Combine(DataDir, "seccomp");

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDir)) throw new ArgumentException("AgentOptions.DataDir is required");
        if (PodsPerNode <= 0) throw new ArgumentException("AgentOptions.PodsPerNode must be positive");
        if (Workers <= 0) throw new ArgumentException("AgentOptions.Workers must be positive");
        Eviction.EvictionSignals.Parse(EvictionHard);
        if (ImageGCHighThresholdPercent is < 0 or > 100)
            throw new ArgumentException($"imageGCHighThresholdPercent (--image-gc-high-threshold) must be between 0 and 100, got {ImageGCHighThresholdPercent}");
        if (ImageGCLowThresholdPercent is < 0 or > 100)
            throw new ArgumentException($"imageGCLowThresholdPercent (--image-gc-low-threshold) must be between 0 and 100, got {ImageGCLowThresholdPercent}");
        if (ImageGCLowThresholdPercent >= ImageGCHighThresholdPercent && ImageGCHighThresholdPercent < 100)
            throw new ArgumentException($"imageGCLowThresholdPercent (--image-gc-low-threshold) must be less than imageGCHighThresholdPercent (--image-gc-high-threshold)");
        foreach (var (name, value) in new[] { (nameof(LeaseRenewInterval), LeaseRenewInterval), (nameof(RelistPeriod), RelistPeriod),
            (nameof(NodeStatusUpdateFrequency), NodeStatusUpdateFrequency), (nameof(BackoffInitial), BackoffInitial), (nameof(ImageGCPeriod), ImageGCPeriod),
            (nameof(EvictionMonitoringPeriod), EvictionMonitoringPeriod) })
        {
            if (value <= TimeSpan.Zero) throw new ArgumentException($"AgentOptions.{name} must be positive");
        }
    }
}
