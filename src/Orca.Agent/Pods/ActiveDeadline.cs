namespace Orca.Agent.Pods;

/// <summary>
/// spec.activeDeadlineSeconds: once a pod has been active on the node (since status.startTime) for
/// longer, it fails with reason DeadlineExceeded and a Normal event of that reason, as the kubelet's
/// active deadline handler does. Time comes from the injected clock. Stateless; thread-safe.
/// </summary>
internal sealed class ActiveDeadline(PodEventSink events, TimeProvider time)
{
    public const string Reason = "DeadlineExceeded";
    public const string Message = "Pod was active on the node longer than the specified deadline";

    /// <summary>
    /// Gives the record its verdict when the deadline has passed (emitting the event once).
    /// Returns how long until the deadline otherwise, or null when the pod has none (or has not started).
    /// </summary>
    public TimeSpan? Check(PodRecord rec)
    {
        if (rec.Verdict is not null) return null;
        var pod = rec.Pod;
        if (pod.Spec.ActiveDeadlineSeconds is not { } seconds || (rec.StartTime ?? pod.Status.StartTime) is not { } started) return null;
        var remaining = started + TimeSpan.FromSeconds(seconds) - time.GetUtcNow();
        if (remaining > TimeSpan.Zero) return remaining;
        rec.Verdict = new PodVerdict(Reason, Message);
        events(pod, "Normal", Reason, Message);
        return null;
    }
}
