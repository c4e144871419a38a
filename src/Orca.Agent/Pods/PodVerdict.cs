namespace Orca.Agent.Pods;

/// <summary>
/// The agent's own decision that a pod has failed, whatever its containers say: the pod's phase
/// becomes Failed with this reason and message, and its containers are stopped within
/// <see cref="Grace"/> (null: the pod's termination grace period). Eviction also marks the pod
/// with a DisruptionTarget condition.
/// </summary>
internal sealed record PodVerdict(string Reason, string Message, TimeSpan? Grace = null, bool DisruptionTarget = false, bool Rejected = false)
{
    public const string RejectedPrefix = "Pod was rejected: ";

    /// <summary>
    /// The verdict a pod already carries in its API status (written before an agent restart: deadline, eviction,
    /// admission refusal), so a failed pod stays failed instead of being started again.
    /// </summary>
    public static PodVerdict? FromStatus(Orca.Api.Core.PodStatus status)
    {
        if (status.Phase != "Failed") return null;
        if (status.Message?.StartsWith(RejectedPrefix, StringComparison.Ordinal) == true)
            return new PodVerdict(status.Reason ?? "", status.Message, TimeSpan.Zero, Rejected: true);
        return status.Reason is ActiveDeadline.Reason or "Evicted"
            ? new PodVerdict(status.Reason, status.Message ?? "", TimeSpan.Zero, status.Reason == "Evicted")
            : null;
    }
}
