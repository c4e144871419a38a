using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler;

internal sealed partial class Scheduler
{
    /// <summary>
    /// A cycle failed. The pod goes back to the queue (parked, or backing off for errors) with the plugins to
    /// blame, unless it was deleted or bound meanwhile; a nomination from preemption is recorded; the user
    /// sees a FailedScheduling event and PodScheduled=False (reason Unschedulable or SchedulerError) with the
    /// same message, plus status.nominatedNodeName when preemption chose a node.
    /// </summary>
    private void HandleFailure(SchedulingFramework fw, QueuedPodInfo queued, long cycle, Status status, FitError? fitError, string? nominated)
    {
        var pod = queued.PodInfo;
        var rejected = status.IsRejected;
        Stats.Failed(!rejected);
        var message = fitError?.Message ?? status.Message;
        if (rejected) SchedulerLog.Unschedulable(_logger, pod.Key, message);
        else SchedulerLog.SchedulingError(_logger, pod.Key, message);

        queued.UnschedulablePlugins = fitError is not null ? new(fitError.Diagnosis.UnschedulablePlugins, StringComparer.Ordinal) : Blame(status);
        queued.PendingPlugins = fitError is not null ? new(fitError.Diagnosis.PendingPlugins, StringComparer.Ordinal) : new(StringComparer.Ordinal);
        var current = _deps.GetPod(pod.Namespace, pod.Name);
        if (current is null || current.Metadata.Uid != pod.Pod.Metadata.Uid || !string.IsNullOrEmpty(current.Spec.NodeName))
        {
            Queue.Done(queued.Key);
        }
        else
        {
            if (!ReferenceEquals(current, pod.Pod)) queued.PodInfo = new PodInfo(current);
            if (nominated is not null) Queue.Nominator.Add(queued.PodInfo, nominated);
            Queue.AddUnschedulableIfNotPresent(queued, cycle);
        }
        fw.Handle.Events.Event(pod.Pod, EventType.Warning, "FailedScheduling", Truncate(message));
        var condition = new PodCondition
        {
            Type = PodConditionType.PodScheduled,
            Status = ConditionStatus.False,
            Reason = rejected ? "Unschedulable" : "SchedulerError",
            Message = message,
        };
        UpdateStatus(current ?? pod.Pod, condition, nominated);
    }

    /// <summary>Event messages are cut at 1024 characters, ending in " ...", as upstream does.</summary>
    private static string Truncate(string message) => message.Length <= 1024 ? message : message[..1020] + " ...";

    private static HashSet<string> Blame(Status status) =>
        status.IsRejected && status.Plugin is { } plugin ? new(StringComparer.Ordinal) { plugin } : new(StringComparer.Ordinal);

    /// <summary>Patches the condition (and nomination) in the background, skipping writes that would change nothing.</summary>
    private void UpdateStatus(Pod pod, PodCondition condition, string? nominated)
    {
        var existing = pod.Status.Conditions?.FirstOrDefault(c => c.Type == condition.Type);
        var sameCondition = existing is not null && existing.Status == condition.Status && existing.Reason == condition.Reason && existing.Message == condition.Message;
        var nominationChanges = nominated is not null && nominated != (pod.Status.NominatedNodeName ?? "");
        if (sameCondition && !nominationChanges) return;
        condition.LastTransitionTime = existing?.Status == condition.Status ? existing.LastTransitionTime : _time.GetUtcNow();
        condition.LastProbeTime = null;
        var change = new PodStatusChange(sameCondition ? null : condition, nominationChanges ? nominated : null);
        _ = Task.Run(async () =>
        {
            try
            {
                await _deps.Client.PatchStatusAsync(pod, change, CancellationToken.None);
            }
            catch (Exception e) when (e is Client.ApiException or HttpRequestException or IOException or TimeoutException)
            {
                SchedulerLog.StatusUpdateFailed(_logger, e, $"{pod.Metadata.Namespace}/{pod.Metadata.Name}");
            }
        });
    }
}
