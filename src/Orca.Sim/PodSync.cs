using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Sim;

/// <summary>
/// One pod's step: reads its state under the table lock, does the one write that state calls for (status
/// patch or deletion confirmation) without the lock, then moves the state if nothing moved it meanwhile.
/// Returns when the pod wants to be looked at again (a timed step not yet due), or null. Errors the caller
/// should retry are thrown; answers that mean "the pod is gone or replaced" are not errors.
/// Thread-safe; the work queue never runs one pod on two workers.
/// </summary>
internal sealed class PodSync(KubeClient client, PodTable table, HollowOptions options, TimeProvider time)
{
    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();

    public async Task<TimeSpan?> SyncAsync(HollowPod pod, CancellationToken ct)
    {
        HollowPodState state;
        int version;
        long deadline;
        lock (table.Sync)
        {
            if (!table.ContainsLocked(pod)) return null;
            (state, version, deadline) = (pod.State, pod.Version, pod.Deadline);
        }
        var now = time.GetUtcNow().UtcTicks;
        if (deadline != 0 && now < deadline && state is HollowPodState.Running or HollowPodState.Terminating)
            return TimeSpan.FromTicks(deadline - now);
        switch (state)
        {
            case HollowPodState.Starting:
                if (await PatchStatusAsync(pod, PodStatuses.Running(pod), ct)) return Moved(pod, version, HollowPodState.Running);
                return null;
            case HollowPodState.Running when deadline != 0:
                if (await PatchStatusAsync(pod, PodStatuses.Finished(pod, deadline), ct)) return Moved(pod, version, HollowPodState.Completed);
                return null;
            case HollowPodState.Rejected:
                if (await PatchStatusAsync(pod, PodStatuses.Rejected(pod.Node.ActivePods, options.MaxPods), ct)) return Moved(pod, version, HollowPodState.Completed);
                return null;
            case HollowPodState.Terminating:
                await ConfirmDeletionAsync(pod, ct);
                return Moved(pod, version, HollowPodState.Confirmed);
            default:
                return null;
        }
    }

    /// <summary>
    /// Applies the state's outcome unless the pod moved meanwhile (e.g. deleted while its status was written).
    /// A pod that started running may now have a run-time deadline to come back for.
    /// </summary>
    private TimeSpan? Moved(HollowPod pod, int version, HollowPodState to)
    {
        lock (table.Sync)
        {
            if (pod.Version != version || !table.ContainsLocked(pod)) return null;
            pod.MoveTo(to);
            if (to == HollowPodState.Completed) table.ReleaseLocked(pod);
            if (to != HollowPodState.Running) return null;
            table.ScheduleCompletionLocked(pod);
            return pod.Deadline == 0 ? null : TimeSpan.FromTicks(Math.Max(0, pod.Deadline - time.GetUtcNow().UtcTicks));
        }
    }

    /// <summary>Patches pods/status with a uid precondition. False when the pod is gone or is another pod now.</summary>
    private async Task<bool> PatchStatusAsync(HollowPod pod, string statusPatch, CancellationToken ct)
    {
        // The uid in the patch makes the server refuse it for a new pod that took the old one's name.
        var body = "{\"metadata\":{\"uid\":\"" + pod.Uid + "\"}," + statusPatch[1..];
        try
        {
            await _pods.PatchAsync(pod.Namespace, pod.Name, PatchType.StrategicMerge, body, subresource: "status", ct: ct);
            return true;
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
            return false;
        }
    }

    /// <summary>The kubelet's final delete: grace 0, only for this uid. Gone already, or replaced, counts as done.</summary>
    private async Task ConfirmDeletionAsync(HollowPod pod, CancellationToken ct)
    {
        try
        {
            await _pods.DeleteAsync(pod.Namespace, pod.Name, new DeleteOptions
            {
                ApiVersion = "v1", Kind = "DeleteOptions", GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = pod.Uid },
            }, ct);
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }
}
