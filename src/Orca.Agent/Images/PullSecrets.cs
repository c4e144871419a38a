using Orca.Agent.Pods;
using Orca.Agent.Translate;
using Orca.Api.Core;

namespace Orca.Agent.Images;

/// <summary>
/// Reads a pod's imagePullSecrets through the API (at each pull, so a secret created after the pod is
/// used on the next retry) and builds their keyring. A secret that cannot be found is skipped with the
/// kubelet's FailedToRetrieveImagePullSecret warning; the pull is still attempted. Thread-safe.
/// </summary>
internal sealed class PullSecrets(ConfigSources sources, PodEventSink events)
{
    public async Task<DockerKeyring> KeyringAsync(Pod pod, CancellationToken ct)
    {
        var names = (pod.Spec.ImagePullSecrets ?? []).Select(r => r.Name).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
        if (names.Count == 0) return DockerKeyring.Empty;
        var found = new List<Secret>();
        var missing = new List<string>();
        foreach (var name in names)
        {
            if (await sources.Secret(pod.Metadata.Namespace ?? "default", name, ct) is { } secret) found.Add(secret);
            else missing.Add(name);
        }
        if (missing.Count > 0)
        {
            events(pod, "Warning", "FailedToRetrieveImagePullSecret",
                $"Unable to retrieve some image pull secrets ({string.Join(", ", missing)}); attempting to pull the image may not succeed.");
        }
        return DockerKeyring.FromSecrets(found);
    }
}
