using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.DefaultPreemption;

internal sealed partial class DefaultPreemptionPlugin
{
    /// <summary>
    /// Makes room on the chosen node without holding up the scheduling cycle: each victim held at Permit is
    /// rejected, every other victim gets a DisruptionTarget condition and a graceful delete, and pods of lower
    /// priority nominated to the same node lose their nomination (they may no longer fit). Failures are logged;
    /// the preemptor retries when the cluster changes.
    /// </summary>
    private void Evict(PodInfo preemptor, Candidate candidate)
    {
        var lowerNominated = handle.Nominator.NominatedPodsForNode(candidate.NodeName).Where(p => p.Priority < preemptor.Priority && p.Uid != preemptor.Uid).ToList();
        var victims = new List<PodInfo>();
        foreach (var v in candidate.Victims)
        {
            if (handle.Framework.GetWaitingPod(v.Uid) is { } waiting) waiting.Reject(Name, "preempted");
            else victims.Add(v);
            handle.Events.Event(v.Pod, EventType.Normal, "Preempted", $"Preempted by pod {preemptor.Uid} on node {candidate.NodeName}");
        }
        _ = Task.Run(async () =>
        {
            await Task.WhenAll(victims.Select(v => DeleteVictimAsync(preemptor, v)));
            ClearNomination(lowerNominated);
        });
    }

    private async Task DeleteVictimAsync(PodInfo preemptor, PodInfo victim)
    {
        try
        {
            var condition = new PodCondition
            {
                Type = PodConditionType.DisruptionTarget,
                Status = ConditionStatus.True,
                Reason = PreemptionByScheduler,
                Message = $"{preemptor.Pod.Spec.SchedulerName}: preempting to accommodate a higher priority pod",
                LastTransitionTime = handle.Time.GetUtcNow(),
            };
            await handle.Client.PatchStatusAsync(victim.Pod, new PodStatusChange(condition), CancellationToken.None);
            await handle.Client.DeletePodAsync(victim.Pod, CancellationToken.None);
            PreemptionLog.Preempted(handle.Logger, preemptor.Key, victim.Key, victim.Pod.Spec.NodeName ?? "");
        }
        catch (Exception e) when (e is Client.ApiException or HttpRequestException or IOException or TimeoutException)
        {
            PreemptionLog.PreemptFailed(handle.Logger, e, preemptor.Key, victim.Key);
        }
    }

    private void ClearNomination(IReadOnlyList<PodInfo> pods)
    {
        foreach (var p in pods)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await handle.Client.PatchStatusAsync(p.Pod, new PodStatusChange(null, ""), CancellationToken.None);
                }
                catch (Exception e) when (e is Client.ApiException or HttpRequestException or IOException or TimeoutException)
                {
                    PreemptionLog.ClearNominationFailed(handle.Logger, e, p.Key);
                }
            });
        }
    }
}

internal static partial class PreemptionLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Preemptor pod {Preemptor} preempted victim pod {Victim} on node {Node}")]
    public static partial void Preempted(ILogger logger, string preemptor, string victim, string node);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Preemptor pod {Preemptor} could not preempt victim pod {Victim}")]
    public static partial void PreemptFailed(ILogger logger, Exception e, string preemptor, string victim);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Could not clear the nominatedNodeName of pod {Pod}")]
    public static partial void ClearNominationFailed(ILogger logger, Exception e, string pod);
}
