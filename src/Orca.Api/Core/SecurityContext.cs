namespace Orca.Api.Core;

/// <summary>core/v1 PodSecurityContext.</summary>
[Doc("Security attributes applied to every container of the pod unless a container overrides them.")]
public sealed record PodSecurityContext
{
    public SELinuxOptions? SELinuxOptions { get; set; }
    public WindowsSecurityContextOptions? WindowsOptions { get; set; }
    [Doc("UID the container processes run as.")]
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    [ListType("atomic")]
    public List<long>? SupplementalGroups { get; set; }
    public string? SupplementalGroupsPolicy { get; set; }
    [Doc("Group that owns volumes and is added to every container's groups.")]
    public long? FsGroup { get; set; }
    [ListType("atomic")]
    public List<Sysctl>? Sysctls { get; set; }
    public string? FsGroupChangePolicy { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
    public AppArmorProfile? AppArmorProfile { get; set; }
    public string? SELinuxChangePolicy { get; set; }
}

/// <summary>core/v1 SecurityContext: per-container security attributes.</summary>
[Doc("Security attributes of one container; they take precedence over the pod's.")]
public sealed record SecurityContext
{
    public Capabilities? Capabilities { get; set; }
    public bool? Privileged { get; set; }
    public SELinuxOptions? SELinuxOptions { get; set; }
    public WindowsSecurityContextOptions? WindowsOptions { get; set; }
    public long? RunAsUser { get; set; }
    public long? RunAsGroup { get; set; }
    public bool? RunAsNonRoot { get; set; }
    public bool? ReadOnlyRootFilesystem { get; set; }
    public bool? AllowPrivilegeEscalation { get; set; }
    public string? ProcMount { get; set; }
    public SeccompProfile? SeccompProfile { get; set; }
    public AppArmorProfile? AppArmorProfile { get; set; }
}

/// <summary>core/v1 Capabilities: POSIX capabilities added to or dropped from the default set.</summary>
public sealed record Capabilities
{
    [ListType("atomic")] public List<string>? Add { get; set; }
    [ListType("atomic")] public List<string>? Drop { get; set; }
}

/// <summary>core/v1 SELinuxOptions: the SELinux label.</summary>
public sealed record SELinuxOptions
{
    public string? User { get; set; }
    public string? Role { get; set; }
    public string? Type { get; set; }
    public string? Level { get; set; }
}

/// <summary>core/v1 WindowsSecurityContextOptions.</summary>
public sealed record WindowsSecurityContextOptions
{
    public string? GMSACredentialSpecName { get; set; }
    public string? GMSACredentialSpec { get; set; }
    public string? RunAsUserName { get; set; }
    public bool? HostProcess { get; set; }
}

/// <summary>core/v1 SeccompProfile (type RuntimeDefault, Unconfined or Localhost).</summary>
public sealed record SeccompProfile
{
    [ApiRequired] public string Type { get; set; } = "";
    public string? LocalhostProfile { get; set; }
}

/// <summary>core/v1 AppArmorProfile (type RuntimeDefault, Unconfined or Localhost).</summary>
public sealed record AppArmorProfile
{
    [ApiRequired] public string Type { get; set; } = "";
    public string? LocalhostProfile { get; set; }
}

/// <summary>core/v1 Sysctl: a namespaced kernel parameter.</summary>
public sealed record Sysctl
{
    [ApiRequired] public string Name { get; set; } = "";
    [ApiRequired] public string Value { get; set; } = "";
}
