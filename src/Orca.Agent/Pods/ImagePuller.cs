using Orca.Agent.Images;
using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Pods;

/// <summary>
/// Makes a container's image present per its imagePullPolicy (Always / IfNotPresent / Never, defaulting
/// as Kubernetes does from the tag). Failures are values: the waiting reason and message the container
/// shows (ErrImagePull, then ImagePullBackOff while the per-image back-off lasts; ErrImageNeverPull).
/// </summary>
internal sealed class ImagePuller(IImageService images, Backoff backoff, PodEventSink events, TimeProvider time, PullSecrets secrets)
{
    private readonly Dictionary<string, DateTimeOffset> _lastFailure = new(StringComparer.Ordinal);

    /// <summary>The user the image runs as (its config's User, "" for none); the image must be present.</summary>
    public async Task<string> UserAsync(string image, CancellationToken ct) => (await images.UnpackAsync(image, ct)).Config.User;

    /// <returns>Null when the image is ready, else (reason, message, retry after).</returns>
    public async Task<(string Reason, string Message, TimeSpan RetryAfter)?> EnsureAsync(Pod pod, Container c, CancellationToken ct)
    {
        var image = c.Image ?? "";
        var policy = c.ImagePullPolicy ?? DefaultPolicy(image);
        var present = await images.ImageStatusAsync(image, ct);
        if (policy == "Never")
        {
            if (present is not null) return null;
            var message = $"Container image \"{image}\" is not present with pull policy of Never";
            events(pod, "Warning", "ErrImageNeverPull", message);
            return ("ErrImageNeverPull", message, TimeSpan.Zero);
        }
        if (policy == "IfNotPresent" && present is not null)
        {
            events(pod, "Normal", "Pulled", $"Container image \"{image}\" already present on machine");
            return null;
        }
        var key = $"{pod.Metadata.Uid}/{image}";
        if (LastFailure(key) is { } failedAt && backoff.InBackoffSince(key, failedAt, out var remaining))
        {
            events(pod, "Normal", "BackOff", $"Back-off pulling image \"{image}\"");
            return ("ImagePullBackOff", $"Back-off pulling image \"{image}\"", remaining);
        }
        events(pod, "Normal", "Pulling", $"Pulling image \"{image}\"");
        var started = time.GetUtcNow();
        try
        {
            var info = await PullAsync(pod, image, ct);
            var took = GoDuration.Format(time.GetUtcNow() - started);
            events(pod, "Normal", "Pulled", $"Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {info.Size} bytes.");
            lock (_lastFailure) _lastFailure.Remove(key);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var delay = backoff.Next(key);
            lock (_lastFailure) _lastFailure[key] = time.GetUtcNow();
            events(pod, "Warning", "Failed", $"Failed to pull image \"{image}\": {e.Message}");
            events(pod, "Warning", "Failed", "Error: ErrImagePull");
            return ("ErrImagePull", e.Message, delay);
        }
    }

    /// <summary>
    /// Pulls with each credential the pod's pull secrets hold for the image, most specific first, until one
    /// works (anonymously when none match), as the kubelet does; all failing gives their errors together.
    /// </summary>
    private async Task<ImageInfo> PullAsync(Pod pod, string image, CancellationToken ct)
    {
        var keyring = await secrets.KeyringAsync(pod, ct);
        var candidates = keyring.Lookup(image);
        if (candidates.Count == 0) return await images.PullImageAsync(image, null, ct);
        var errors = new List<Exception>();
        foreach (var credentials in candidates)
        {
            try
            {
                return await images.PullImageAsync(image, credentials, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                errors.Add(e);
            }
        }
        if (errors.Count == 1) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors[0]);
        throw new IOException($"[{string.Join(", ", errors.Select(e => e.Message))}]");
    }

    private DateTimeOffset? LastFailure(string key)
    {
        lock (_lastFailure) return _lastFailure.TryGetValue(key, out var t) ? t : null;
    }

    /// <summary>Always for :latest or no tag (and no digest), IfNotPresent otherwise.</summary>
    public static string DefaultPolicy(string image)
    {
        if (image.Contains('@')) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }
}
