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

    /// <summary>Directory for container logs. Default /var/log/pods.</summary>
    public string PodLogDir { get; init; } = "/var/log/pods";

    /// <summary>Nameservers written to pods' resolv.conf (dnsPolicy ClusterFirst). Default: none (the runtime's default).</summary>
    public IReadOnlyList<string> ClusterDns { get; init; } = [];

    /// <summary>Cluster domain for DNS search paths. Default cluster.local.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    internal string ResolvedNodeName => (NodeName ?? System.Net.Dns.GetHostName()).ToLowerInvariant();

    internal string ResolvedStaticPodDir => StaticPodDir ?? Path.Combine(DataDir, "manifests");

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDir)) throw new ArgumentException("AgentOptions.DataDir is required");
        if (PodsPerNode <= 0) throw new ArgumentException("AgentOptions.PodsPerNode must be positive");
        if (Workers <= 0) throw new ArgumentException("AgentOptions.Workers must be positive");
        foreach (var (name, value) in new[] { (nameof(LeaseRenewInterval), LeaseRenewInterval), (nameof(RelistPeriod), RelistPeriod),
            (nameof(NodeStatusUpdateFrequency), NodeStatusUpdateFrequency), (nameof(BackoffInitial), BackoffInitial) })
        {
            if (value <= TimeSpan.Zero) throw new ArgumentException($"AgentOptions.{name} must be positive");
        }
    }
}
