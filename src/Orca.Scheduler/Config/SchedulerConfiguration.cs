using System.Text.Json;

namespace Orca.Scheduler.Config;

/// <summary>
/// kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration — the fields Orca acts on. Read from the
/// --config file (YAML or JSON) by <see cref="ConfigLoader"/>, which fills the documented defaults.
/// </summary>
internal sealed record KubeSchedulerConfiguration
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }

    /// <summary>Threads used to filter and score nodes in parallel. Default 16 upstream; Orca defaults to the CPU count.</summary>
    public int? Parallelism { get; set; }

    public LeaderElectionConfiguration? LeaderElection { get; set; }

    public ClientConnectionConfiguration? ClientConnection { get; set; }

    /// <summary>Share of nodes to find feasible before scoring; 0 (default): adaptive, 50% minus 1% per 125 nodes, at least 5%.</summary>
    public int? PercentageOfNodesToScore { get; set; }

    /// <summary>Backoff of a pod's first retry. Default 1.</summary>
    public long? PodInitialBackoffSeconds { get; set; }

    /// <summary>Backoff cap. Default 10.</summary>
    public long? PodMaxBackoffSeconds { get; set; }

    public List<KubeSchedulerProfile>? Profiles { get; set; }

    /// <summary>Accepted for compatibility; Orca has no extenders (a non-empty list is an error).</summary>
    public List<JsonElement>? Extenders { get; set; }

    public bool? DelayCacheUntilActive { get; set; }
}

internal sealed record ClientConnectionConfiguration
{
    public string? Kubeconfig { get; set; }
    public string? AcceptContentTypes { get; set; }
    public string? ContentType { get; set; }
    public double? Qps { get; set; }
    public int? Burst { get; set; }
}

/// <summary>Leader election settings; durations in Go syntax ("15s", "1m30s").</summary>
internal sealed record LeaderElectionConfiguration
{
    public bool? LeaderElect { get; set; }
    public string? LeaseDuration { get; set; }
    public string? RenewDeadline { get; set; }
    public string? RetryPeriod { get; set; }
    public string? ResourceLock { get; set; }
    public string? ResourceName { get; set; }
    public string? ResourceNamespace { get; set; }
}

/// <summary>One scheduling profile: pods whose spec.schedulerName equals <see cref="SchedulerName"/> use it.</summary>
internal sealed record KubeSchedulerProfile
{
    public string? SchedulerName { get; set; }
    public int? PercentageOfNodesToScore { get; set; }
    public PluginsConfig? Plugins { get; set; }
    public List<PluginConfig>? PluginConfig { get; set; }
}

/// <summary>Plugins to enable and disable per extension point; multiPoint enables a plugin at every point it implements.</summary>
internal sealed record PluginsConfig
{
    public PluginSetConfig? PreEnqueue { get; set; }
    public PluginSetConfig? QueueSort { get; set; }
    public PluginSetConfig? PreFilter { get; set; }
    public PluginSetConfig? Filter { get; set; }
    public PluginSetConfig? PostFilter { get; set; }
    public PluginSetConfig? PreScore { get; set; }
    public PluginSetConfig? Score { get; set; }
    public PluginSetConfig? Reserve { get; set; }
    public PluginSetConfig? Permit { get; set; }
    public PluginSetConfig? PreBind { get; set; }
    public PluginSetConfig? Bind { get; set; }
    public PluginSetConfig? PostBind { get; set; }
    public PluginSetConfig? MultiPoint { get; set; }
}

/// <summary>Enabled plugins are added (or re-configured in place); disabled ones removed ("*" removes all defaults).</summary>
internal sealed record PluginSetConfig
{
    public List<PluginRef>? Enabled { get; set; }
    public List<PluginRef>? Disabled { get; set; }
}

/// <summary>A plugin name and, for Score, its weight (0 or absent: 1).</summary>
internal sealed record PluginRef
{
    public string Name { get; set; } = "";
    public int? Weight { get; set; }
}

/// <summary>Arguments of one plugin (NodeResourcesFitArgs, …) as raw JSON, decoded by the plugin's factory.</summary>
internal sealed record PluginConfig
{
    public string Name { get; set; } = "";
    public JsonElement? Args { get; set; }
}
