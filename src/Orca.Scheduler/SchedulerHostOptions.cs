namespace Orca.Scheduler;

/// <summary>How to run the scheduler; the CLI fills it from flags. Defaults in the property docs.</summary>
public sealed record SchedulerHostOptions
{
    /// <summary>A KubeSchedulerConfiguration file (YAML or JSON). Null: one default-scheduler profile with the default plugins.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Overrides leaderElection.leaderElect of the configuration when set.</summary>
    public bool? LeaderElect { get; init; }

    /// <summary>This candidate's identity in the lease. Default: host name plus a random suffix.</summary>
    public string? Identity { get; init; }

    /// <summary>Overrides the configuration's parallelism when set.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Clock for the queue and leases. Default system time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Checks the options and loads the configuration (throws ArgumentException with the reason).</summary>
    internal Config.KubeSchedulerConfiguration LoadConfiguration()
    {
        var config = ConfigPath is null ? Config.ConfigLoader.Default() : Config.ConfigLoader.Load(ConfigPath);
        if (LeaderElect is { } elect) config.LeaderElection!.LeaderElect = elect;
        if (Parallelism is { } p)
        {
            if (p <= 0) throw new ArgumentException("parallelism must be positive");
            config.Parallelism = p;
        }
        return config;
    }
}
