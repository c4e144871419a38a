namespace Orca.Sim;

/// <summary>
/// The life of a pod on a hollow node. Allowed moves (anything may also be forgotten when the pod is
/// deleted or seen finished):
/// <code>
/// Starting  → Running → Completed        (pod run time elapsed: Succeeded, or Failed with the pod's exit code, written)
/// Starting  → Rejected → Completed       (over the pods capacity: Failed written)
/// Starting, Running, Rejected, Completed → Terminating → Confirmed   (deletion seen, grace waited, confirmed)
/// </code>
/// </summary>
internal enum HollowPodState : byte
{
    /// <summary>Admitted; the Running status is to be written.</summary>
    Starting,
    /// <summary>Running and Ready written (or found so at start).</summary>
    Running,
    /// <summary>Not admitted (no room); the Failed status is to be written.</summary>
    Rejected,
    /// <summary>A terminal status was written; waiting to see it (then forgotten).</summary>
    Completed,
    /// <summary>deletionTimestamp seen; the confirmation is due at <see cref="HollowPod.Deadline"/>.</summary>
    Terminating,
    /// <summary>The delete with grace 0 was sent; waiting for the watch to report the pod gone.</summary>
    Confirmed,
}

/// <summary>
/// What the sim keeps of one pod: identity, placement, the containers it reports (shared across pods of
/// one shape) and its state. About 250 bytes with its strings. Guarded by the <see cref="PodTable"/> lock.
/// </summary>
internal sealed class HollowPod(string uid, string ns, string name, HollowNode node, PodShape shape)
{
    public string Uid { get; } = uid;
    public string Namespace { get; } = ns;
    public string Name { get; } = name;
    public HollowNode Node { get; } = node;
    public PodShape Shape { get; } = shape;

    public HollowPodState State { get; private set; } = HollowPodState.Starting;

    /// <summary>Host part of the pod IP within the node's /24; 0 = none.</summary>
    public byte IpHost;

    /// <summary>True when the pod already had a PodScheduled condition (then it is left alone).</summary>
    public bool HasScheduledCondition;

    /// <summary>Relist generation that last saw the pod (older ones are swept after a relist).</summary>
    public int SeenGeneration;

    /// <summary>
    /// The exit code the pod's containers end with when its run time is over (<see cref="PodShape.ExitCodeAnnotation"/>);
    /// 0 ends it Succeeded, anything else Failed.
    /// </summary>
    public int ExitCode;

    /// <summary>UTC ticks the pod started (status.startTime and container start times).</summary>
    public long StartedAt;

    /// <summary>UTC ticks at which the next timed step is due (run time over, or deletion confirmation); 0 = none.</summary>
    public long Deadline;

    /// <summary>Counts state changes so a worker can tell that the state moved while it was writing.</summary>
    public int Version { get; private set; }

    public string Key => Namespace + "/" + Name;

    /// <summary>Moves to <paramref name="to"/>; a move the state machine does not allow is a bug and throws.</summary>
    public void MoveTo(HollowPodState to)
    {
        if (!Allowed(State, to)) throw new InvalidOperationException($"pod {Key}: {State} → {to} is not a valid move");
        State = to;
        Version++;
    }

    public static bool Allowed(HollowPodState from, HollowPodState to) => (from, to) switch
    {
        (HollowPodState.Starting, HollowPodState.Running) => true,
        (HollowPodState.Starting, HollowPodState.Rejected) => true,
        (HollowPodState.Running, HollowPodState.Completed) => true,
        (HollowPodState.Rejected, HollowPodState.Completed) => true,
        (HollowPodState.Starting or HollowPodState.Running or HollowPodState.Rejected or HollowPodState.Completed, HollowPodState.Terminating) => true,
        (HollowPodState.Terminating, HollowPodState.Confirmed) => true,
        _ => false,
    };

    /// <summary>True while the pod counts against its node's pods capacity (from admission until finished or gone).</summary>
    public bool HoldsSlot;
}
