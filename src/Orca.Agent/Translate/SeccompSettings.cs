using Orca.Runtime;

namespace Orca.Agent.Translate;

/// <summary>
/// How the agent turns a seccompProfile (the container's, else the pod's) into the runtime's profile:
/// RuntimeDefault, Unconfined, or Localhost (a file below <see cref="ProfileRoot"/>); unset means
/// RuntimeDefault with the kubelet's --seccomp-default and unconfined without it.
/// </summary>
internal sealed record SeccompSettings(bool RuntimeDefaultWhenUnset, string ProfileRoot)
{
    /// <summary>The kubelet's defaults: unset is unconfined; Localhost profiles under /var/lib/kubelet/seccomp.</summary>
    public static readonly SeccompSettings Kubelet = new(false, "/var/lib/kubelet/seccomp");

    /// <summary>Throws ArgumentException for a Localhost profile without a path or one that leaves the profile root.</summary>
    public SeccompProfile Resolve(Api.Core.SeccompProfile? profile) => profile?.Type switch
    {
        null => RuntimeDefaultWhenUnset ? SeccompProfile.RuntimeDefault : SeccompProfile.Unconfined,
        "RuntimeDefault" => SeccompProfile.RuntimeDefault,
        "Localhost" => new SeccompProfile(SeccompKind.Localhost, LocalhostPath(profile.LocalhostProfile)),
        _ => SeccompProfile.Unconfined,
    };

    private string LocalhostPath(string? relative)
    {
        if (string.IsNullOrEmpty(relative)) throw new ArgumentException("seccompProfile type Localhost needs localhostProfile");
        var root = Path.GetFullPath(ProfileRoot);
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"localhostProfile \"{relative}\" is outside the seccomp profile root {root}");
        return path;
    }
}
