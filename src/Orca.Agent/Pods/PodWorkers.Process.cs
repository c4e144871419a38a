using Orca.Agent.Status;
using Orca.Api.Core;
using Orca.Api.Json;

namespace Orca.Agent.Pods;

internal sealed partial class PodWorkers
{
    /// <summary>
    /// One step of a pod's state machine. Syncing: converge and write status; a terminal phase moves to
    /// Finished (containers stopped). A deletion timestamp or removal from the source moves to
    /// Terminating (graceful kill, sandbox removed, deletion confirmed), then Terminated. Returns when
    /// to look at the pod again, or null.
    /// </summary>
    private async Task<TimeSpan?> ProcessAsync(string uid, CancellationToken ct)
    {
        var rec = Record(uid);
        if (rec is null) return null;
        using var scope = Microsoft.Extensions.Logging.LoggerExtensions.BeginScope(logger, "pod {Pod} {Uid}", $"{rec.Pod.Metadata.Namespace}/{rec.Pod.Metadata.Name}", uid);
        if (rec.State == PodWorkerState.Terminated)
        {
            if (rec.Gone) Forget(uid);
            return null;
        }
        if (rec.Gone || rec.Pod.Metadata.DeletionTimestamp is not null)
        {
            Move(rec, PodWorkerState.Terminating);
            await terminator.TerminateAsync(rec, ct);
            Move(rec, PodWorkerState.Terminated);
            if (rec.Gone) Forget(uid);
            return null;
        }
        if (rec.State == PodWorkerState.Finished) return null;
        var untilDeadline = deadline.Check(rec);
        if (rec.Verdict is { } verdict) return await FailAsync(rec, verdict, ct);
        await ReportExitsAsync(rec, ct);
        var (view, after) = await syncer.SyncAsync(rec, ct);
        var status = await WriteStatusAsync(rec, view, ct);
        if (status?.Phase is "Succeeded" or "Failed")
        {
            Move(rec, PodWorkerState.Finished);
            // A verdict may arrive during the sync (eviction): its grace period applies.
            view = await terminator.StopFinishedAsync(rec, ct, rec.Verdict?.Grace);
            await WriteStatusAsync(rec, view, ct);
            return null;
        }
        untilDeadline ??= deadline.Check(rec);
        return untilDeadline is { } d && (after is null || d < after) ? d : after;
    }

    /// <summary>The agent failed the pod: phase Failed is written first, then its containers are stopped and the final states written.</summary>
    private async Task<TimeSpan?> FailAsync(PodRecord rec, PodVerdict verdict, CancellationToken ct)
    {
        Move(rec, PodWorkerState.Finished);
        rec.Waiting.Clear();
        await WriteStatusAsync(rec, await terminator.ReadAsync(rec, ct), ct);
        var view = await terminator.StopFinishedAsync(rec, ct, verdict.Grace);
        await WriteStatusAsync(rec, view, ct);
        return null;
    }

    /// <summary>
    /// Like the kubelet, reports what it observed before acting on it: when a container exited since the
    /// last written status, that status (terminated: Error, Init:Error…) is written before the sync
    /// restarts the container or puts it in back-off, so clients see the failure and not only its sequel.
    /// </summary>
    private async Task ReportExitsAsync(PodRecord rec, CancellationToken ct)
    {
        if (rec.LastStatus is not { } last) return;
        var view = await syncer.ReadViewAsync(rec, ct);
        var reported = (last.InitContainerStatuses ?? []).Concat(last.ContainerStatuses ?? [])
            .SelectMany(s => new[] { s.State?.Terminated?.ContainerID, s.LastState?.Terminated?.ContainerID })
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unreported = view.Containers.Values.Select(l => l[0])
            .Any(c => c.State == Runtime.ContainerState.Exited && !reported.Contains(ContainerStatusBuilder.IdPrefix + c.Id));
        if (unreported) await WriteStatusAsync(rec, view, ct);
    }

    private async Task<PodStatus?> WriteStatusAsync(PodRecord rec, PodRuntimeView view, CancellationToken ct)
    {
        var pod = rec.Pod;
        PodStatus Build(PodStatus current) => statuses.Build(rec, view, current);
        PodStatus? written;
        try
        {
            // A pod's first status (its start) is written over the informer's copy without reading it first.
            var cached = rec.LastStatus is null && !rec.IsStatic ? pod : null;
            written = await writer.WriteAsync(pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? "", rec.IsStatic ? null : rec.Uid, Build, ct, cached);
        }
        catch (Exception e) when (e is Client.ApiException or HttpRequestException or IOException or TimeoutException)
        {
            Log.StatusFailed(logger, $"{pod.Metadata.Namespace}/{pod.Metadata.Name}", e);
            written = null;
        }
        // Static pods may have no mirror yet: their status is still computed for the phase.
        written ??= Build(rec.LastStatus ?? pod.Status);
        rec.LastStatus = written;
        rec.LastStatusJson = ApiJson.SerializeToString(written);
        return written;
    }
}
