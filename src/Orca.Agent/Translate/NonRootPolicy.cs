using Orca.Api.Core;

namespace Orca.Agent.Translate;

/// <summary>
/// runAsNonRoot as the kubelet enforces it before creating a container: with runAsNonRoot true (the
/// container's setting, else the pod's), an explicit runAsUser 0 is refused; without a runAsUser the image's
/// user decides — none or uid 0 runs as root and is refused, a user name cannot be verified and is refused.
/// </summary>
internal static class NonRootPolicy
{
    public static bool Applies(Pod pod, Container c) => (c.SecurityContext?.RunAsNonRoot ?? pod.Spec.SecurityContext?.RunAsNonRoot) == true;

    /// <summary>Why the container may not start (the kubelet's words), or null when it may.</summary>
    public static string? Violation(Pod pod, Container c, string imageUser)
    {
        if (!Applies(pod, c)) return null;
        var who = $"pod: \"{pod.Metadata.Name}_{pod.Metadata.Namespace}({pod.Metadata.Uid})\", container: {c.Name}";
        if ((c.SecurityContext?.RunAsUser ?? pod.Spec.SecurityContext?.RunAsUser) is { } runAsUser)
            return runAsUser == 0 ? $"container's runAsUser breaks non-root policy ({who})" : null;
        var user = imageUser.Split(':', 2)[0];
        if (user.Length == 0 || user == "0") return $"container has runAsNonRoot and image will run as root ({who})";
        return long.TryParse(user, out _) ? null
            : $"container has runAsNonRoot and image has non-numeric user ({user}), cannot verify user is non-root ({who})";
    }
}
