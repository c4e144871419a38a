using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler;

internal sealed partial class Scheduler
{
    /// <summary>
    /// Off the scheduling thread: waits for Permit, runs PreBind and Bind, then confirms the assumption and
    /// records the Scheduled event. Any failure unreserves, forgets the assumed pod (its room is free again, so
    /// parked pods get a look), and requeues the pod.
    /// </summary>
    private async Task BindingCycleAsync(SchedulingFramework fw, CycleState state, QueuedPodInfo queued, long cycle, string host,
        int evaluated, int feasible, CancellationToken ct)
    {
        var pod = queued.PodInfo;
        Status status;
        try
        {
            status = await fw.WaitOnPermitAsync(pod, ct);
            if (status.IsSuccess) status = await fw.RunPreBindPluginsAsync(state, pod, host, ct);
            if (status.IsSuccess) status = await fw.RunBindPluginsAsync(state, pod, host, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            status = Status.AsError("the scheduler is stopping");
        }
        catch (Exception e)
        {
            status = Status.FromException(e);
        }
        if (status.IsSuccess)
        {
            Cache.FinishBinding(pod);
            Stats.Bound();
            SchedulerLog.Bound(_logger, pod.Key, host, evaluated, feasible);
            fw.Handle.Events.Event(pod.Pod, EventType.Normal, "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {host}");
            fw.RunPostBindPlugins(state, pod, host);
            Queue.Done(queued.Key);
            return;
        }
        SchedulerLog.BindFailed(_logger, pod.Key, host, status.Message);
        fw.RunReservePluginsUnreserve(state, pod, host);
        Cache.ForgetPod(pod);
        Queue.MoveAllToActiveOrBackoff(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete, "BindingFailure"), pod.Pod, null);
        HandleFailure(fw, queued, cycle, status, null, null);
    }
}
