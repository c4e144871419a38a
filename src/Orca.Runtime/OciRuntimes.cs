namespace Orca.Runtime;

/// <summary>
/// The OCI runtimes <see cref="RuncRuntime"/> can drive (both speak runc's command line): where
/// each is installed by default and what each needs of the host's cgroups.
/// </summary>
public static class OciRuntimes
{
    public const string Runc = "runc";
    public const string Crun = "crun";

    public static IReadOnlyList<string> Names { get; } = [Runc, Crun];

    /// <summary>The Debian path of a known runtime; "" for an unknown name.</summary>
    public static string DefaultPath(string name) => name switch
    {
        Runc => "/usr/sbin/runc",
        Crun => "/usr/bin/crun",
        _ => "",
    };

    /// <summary>
    /// Why the runtime cannot run containers on a host whose cgroup file system is mounted at
    /// <paramref name="cgroupMountRoot"/>, or null when it can. crun (1.8, Debian 12) refuses cgroup v1
    /// and the hybrid layout ("cgroups in hybrid mode not supported"); it needs the unified hierarchy.
    /// </summary>
    public static string? HostProblem(string name, string cgroupMountRoot)
    {
        if (name != Crun || File.Exists(Path.Combine(cgroupMountRoot, "cgroup.controllers"))) return null;
        return $"the OCI runtime crun needs cgroup v2 (the unified hierarchy mounted at {cgroupMountRoot}), "
            + "but this host has cgroup v1, where crun refuses to create containers; use runc on this host";
    }
}
