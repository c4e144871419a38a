namespace Orca.Client;

/// <summary>Which lease to compete for and the timing of the race. Defaults as Kubernetes components use.</summary>
public sealed record LeaderElectionOptions
{
    public required string Namespace { get; init; }
    public required string LeaseName { get; init; }
    /// <summary>Unique per candidate (e.g. host name + random suffix).</summary>
    public required string Identity { get; init; }

    /// <summary>How long others wait after the last observed renewal before taking over. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The leader gives up when it could not renew for this long. Default 10 s; must be below LeaseDuration.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time between attempts to acquire or renew. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On cancellation the leader clears the lease so a successor need not wait for expiry. Default true.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    public void Validate()
    {
        if (LeaseDuration <= RenewDeadline) throw new ArgumentException("LeaseDuration must be greater than RenewDeadline");
        if (RenewDeadline <= RetryPeriod) throw new ArgumentException("RenewDeadline must be greater than RetryPeriod");
        if (RetryPeriod <= TimeSpan.Zero) throw new ArgumentException("RetryPeriod must be positive");
        if (string.IsNullOrEmpty(Identity)) throw new ArgumentException("Identity must not be empty");
    }
}
