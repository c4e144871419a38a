namespace Orca.Agent.Pods;

/// <summary>The lifecycle of one pod worker (kubelet's PodWorkerState).</summary>
internal enum PodWorkerState
{
    /// <summary>The pod should run: sandbox, containers and probes are converged on every sync.</summary>
    Syncing,
    /// <summary>The pod is being deleted or was removed from its source: hooks, stops, sandbox removal.</summary>
    Terminating,
    /// <summary>The pod finished (Succeeded/Failed): containers stopped, status kept until the pod is deleted.</summary>
    Finished,
    /// <summary>Everything of the pod is gone from the runtime; the worker only confirms deletion and is forgotten.</summary>
    Terminated,
}

/// <summary>The allowed transitions, in one place.</summary>
internal static class PodWorkerTransitions
{
    private static readonly HashSet<(PodWorkerState, PodWorkerState)> Allowed =
    [
        (PodWorkerState.Syncing, PodWorkerState.Terminating),
        (PodWorkerState.Syncing, PodWorkerState.Finished),
        (PodWorkerState.Finished, PodWorkerState.Terminating),
        (PodWorkerState.Terminating, PodWorkerState.Terminated),
    ];

    public static bool CanMove(PodWorkerState from, PodWorkerState to) => from == to || Allowed.Contains((from, to));

    /// <summary>Moves or throws: an illegal transition is a bug in the worker.</summary>
    public static PodWorkerState Move(PodWorkerState from, PodWorkerState to) =>
        CanMove(from, to) ? to : throw new InvalidOperationException($"pod worker cannot move from {from} to {to}");
}
