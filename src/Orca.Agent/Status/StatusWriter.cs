using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Client;

namespace Orca.Agent.Status;

/// <summary>
/// Writes pod statuses through pods/status: reads the object, replaces its status, PUTs it with the
/// read resourceVersion and retries on conflict. Skips the write when the status is unchanged. A pod
/// whose uid differs from the expected one (a new pod with the same name) is left alone.
/// Thread-safe (stateless apart from the client).
/// </summary>
internal sealed class StatusWriter(KubeClient client)
{
    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();

    /// <param name="expectedUid">The API pod's uid, or null to skip the check (mirror pods).</param>
    /// <param name="build">Builds the status from the current one (kept conditions, transition times).</param>
    /// <param name="cached">
    /// The pod as the agent's informer holds it, tried first instead of reading it (a pod's first status, on the
    /// pod-start path): a stale copy costs a conflict and then the usual read.
    /// </param>
    /// <returns>The written or unchanged status; null when the pod no longer exists.</returns>
    public async Task<PodStatus?> WriteAsync(string ns, string name, string? expectedUid, Func<PodStatus, PodStatus> build, CancellationToken ct,
        Pod? cached = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            Pod current;
            try
            {
                current = attempt == 0 && cached?.Metadata.ResourceVersion is { Length: > 0 } ? ApiJson.Clone(cached) : await _pods.GetAsync(ns, name, ct);
            }
            catch (ApiException e) when (e.IsNotFound)
            {
                return null;
            }
            if (expectedUid is not null && current.Metadata.Uid != expectedUid) return null;
            var status = build(current.Status);
            if (ApiJson.SerializeToString(status) == ApiJson.SerializeToString(current.Status)) return status;
            current.Status = status;
            try
            {
                return (await _pods.UpdateStatusAsync(current, ct)).Status;
            }
            catch (ApiException e) when (e.IsConflict && attempt < 6)
            {
            }
            catch (ApiException e) when (e.IsNotFound)
            {
                return null;
            }
        }
    }
}
