namespace Orca.Controllers;

/// <summary>Settings of <see cref="ControllerManager"/>; the defaults are kube-controller-manager's.</summary>
public sealed record ControllerManagerOptions
{
    /// <summary>The clock every controller reads (tests inject a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>This instance's identity in the leader lease; default host name + random suffix.</summary>
    public string? Identity { get; init; }

    /// <summary>Compete for the kube-system/kube-controller-manager lease (on) or run at once (off).</summary>
    public bool LeaderElect { get; init; } = true;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// `--controllers`: "*" runs every controller; a name enables it, "-name" disables it
    /// (e.g. ["*", "-cronjob"]).
    /// </summary>
    public IReadOnlyList<string> Controllers { get; init; } = ["*"];

    /// <summary>Workers per controller (kube-controller-manager's --concurrent-*-syncs, 5 by default).</summary>
    public int Workers { get; init; } = 5;

    /// <summary>A node whose Lease and Ready heartbeat are older than this is Ready=Unknown (--node-monitor-grace-period).</summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>How often every object is re-synced even without events.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>True when the controller named <paramref name="name"/> should run.</summary>
    public bool IsEnabled(string name)
    {
        if (Controllers.Contains("-" + name)) return false;
        return Controllers.Contains(name) || Controllers.Contains("*");
    }
}
