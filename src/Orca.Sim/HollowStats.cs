namespace Orca.Sim;

/// <summary>Counters of a <see cref="HollowCluster"/> (see <see cref="HollowCluster.Stats"/>).</summary>
public sealed record HollowStats
{
    public int Nodes { get; init; }
    /// <summary>Nodes whose Node and Lease exist.</summary>
    public int Registered { get; init; }
    public int Heartbeating { get; init; }
    /// <summary>Wall-clock time from start until every node had registered; null until then.</summary>
    public TimeSpan? RegistrationTime { get; init; }
    /// <summary>Pods the sim tracks (bound to its nodes and not finished or gone).</summary>
    public int Pods { get; init; }
    /// <summary>Admitted, Running status not yet written.</summary>
    public int Starting { get; init; }
    public int Running { get; init; }
    /// <summary>Over capacity, Failed status not yet seen.</summary>
    public int Rejected { get; init; }
    /// <summary>Terminal status written, not yet seen.</summary>
    public int Completed { get; init; }
    /// <summary>Deletion seen, not yet gone.</summary>
    public int Terminating { get; init; }
    /// <summary>Distinct container sets shared by the tracked pods.</summary>
    public int PodShapes { get; init; }
    public long WatchEvents { get; init; }
    public long NodeSyncs { get; init; }
    public long PodSyncs { get; init; }
    /// <summary>Steps that failed and were retried.</summary>
    public long Failures { get; init; }
}
