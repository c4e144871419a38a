using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Runtime;

namespace Orca.Agent.Pods;

/// <summary>
/// Ends pods: graceful kill with the pod's remaining grace period, sandbox removal, the pod's directory
/// removed (its tmpfs volumes unmounted first), and (for API pods being deleted) the final DELETE with gracePeriodSeconds=0 and a uid
/// precondition so that a new pod of the same name is never deleted by mistake.
/// </summary>
internal sealed class PodTerminator(
    IRuntimeService runtime, PodKiller killer, Backoff crashBackoff, KubeClient client,
    Func<PodRecord, CancellationToken, Task> staticPodGone, Action<string> removePodDir)
{
    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();

    public async Task TerminateAsync(PodRecord rec, CancellationToken ct)
    {
        var pod = rec.Pod;
        var view = await PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);
        await killer.KillAsync(pod, view, Grace(pod), removeSandbox: true, ct);
        crashBackoff.Forget(rec.Uid + "/");
        TryRemove(removePodDir, rec.Uid);
        if (rec.IsStatic)
        {
            if (rec.Gone) await staticPodGone(rec, ct);
            return;
        }
        if (rec.Gone) return;
        try
        {
            await _pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name ?? "",
                new DeleteOptions { GracePeriodSeconds = 0, Preconditions = new Preconditions { Uid = rec.Uid } }, ct);
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }

    /// <summary>
    /// Stops what still runs of a finished pod (sidecars; every container of a failed one) within
    /// <paramref name="grace"/> (default: the pod's); keeps the sandbox until the pod is deleted.
    /// </summary>
    public async Task<PodRuntimeView> StopFinishedAsync(PodRecord rec, CancellationToken ct, TimeSpan? grace = null)
    {
        var view = await PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);
        await killer.KillAsync(rec.Pod, view, grace ?? Grace(rec.Pod), removeSandbox: false, ct);
        return await PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);
    }

    /// <summary>What the runtime holds for the pod now.</summary>
    public Task<PodRuntimeView> ReadAsync(PodRecord rec, CancellationToken ct) => PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);

    /// <summary>
    /// The pod's effective grace period, as the kubelet computes it: the deletion's grace period when
    /// the API set one (an explicit 0 included), else the spec's (default 30 s) — a pod that vanished
    /// from the API without the agent seeing its deletion still gets its spec's grace — and never
    /// under 1 s.
    /// </summary>
    public static TimeSpan Grace(Pod pod)
    {
        var seconds = pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30;
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    private static void TryRemove(Action<string> removePodDir, string uid)
    {
        try
        {
            removePodDir(uid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
