using Orca.Api.Core;

namespace Orca.Agent.Pods;

/// <summary>
/// The agent's memory of one pod (keyed by uid): the latest spec from its source, the worker state,
/// and what the last sync decided that the runtime cannot tell (why a container is waiting). Touched
/// only by the worker that holds the pod's key (the work queue serializes them), except
/// <see cref="Pod"/> and <see cref="Gone"/>, which sources set under the workers' lock, and
/// <see cref="Verdict"/>, which the evictor may also set (once) under that lock.
/// </summary>
internal sealed class PodRecord(Pod pod, bool isStatic)
{
    public Pod Pod { get; set; } = pod;

    public string Uid => Pod.Metadata.Uid ?? "";

    public string FullName => $"{Pod.Metadata.Name}_{Pod.Metadata.Namespace}({Uid})";

    public bool IsStatic { get; } = isStatic;

    /// <summary>Removed from its source (API object deleted, manifest removed).</summary>
    public bool Gone { get; set; }

    public PodWorkerState State { get; set; } = PodWorkerState.Syncing;

    /// <summary>Container name → why it is waiting, as decided by the last sync (reason, message).</summary>
    public Dictionary<string, (string Reason, string Message)> Waiting { get; } = new();

    /// <summary>Set when a regular init container failed under restartPolicy Never.</summary>
    public bool InitFailed { get; set; }

    /// <summary>The agent decided the pod failed (active deadline, eviction); null while it may run.</summary>
    public PodVerdict? Verdict { get; set; }

    public DateTimeOffset? StartTime { get; set; }

    public string? PodIp { get; set; }

    /// <summary>The last status written (or found) for this pod, as JSON: writes are skipped when unchanged.</summary>
    public string? LastStatusJson { get; set; }

    public PodStatus? LastStatus { get; set; }
}
