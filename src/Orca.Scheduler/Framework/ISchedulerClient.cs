using Orca.Api.Core;

namespace Orca.Scheduler.Framework;

/// <summary>A change to a pod's status the scheduler makes: a condition to set and/or the nominated node.</summary>
/// <param name="NominatedNodeName">null: leave as is; "": clear; otherwise set.</param>
internal sealed record PodStatusChange(PodCondition? Condition, string? NominatedNodeName = null);

/// <summary>
/// The API writes of the scheduler. Implementations are thread-safe; failures throw (the caller
/// decides: a failed bind un-assumes the pod and retries it, a failed status write is logged).
/// </summary>
internal interface ISchedulerClient
{
    /// <summary>POST pods/binding for the pod's uid; a 409 (already bound, deleted) throws.</summary>
    Task BindAsync(Pod pod, string nodeName, CancellationToken ct);

    /// <summary>Patches pods/status with the condition (merged by type) and nominatedNodeName.</summary>
    Task PatchStatusAsync(Pod pod, PodStatusChange change, CancellationToken ct);

    /// <summary>A graceful delete (the pod's own grace period) preconditioned on its uid; NotFound is success.</summary>
    Task DeletePodAsync(Pod pod, CancellationToken ct);
}
