namespace Orca.Api.Core;

/// <summary>core/v1 ContainerStatus.</summary>
[Doc("The observed state of one container of a pod.")]
public sealed record ContainerStatus
{
    [ApiRequired] public string Name { get; set; } = "";
    [Doc("Current state: waiting, running or terminated.")]
    public ContainerState? State { get; set; }
    [Doc("State of the previous run, if the container was restarted.")]
    public ContainerState? LastState { get; set; }
    [ApiRequired] public bool Ready { get; set; }
    [ApiRequired] public int RestartCount { get; set; }
    [ApiRequired] public string Image { get; set; } = "";
    [ApiRequired] public string ImageID { get; set; } = "";
    public string? ContainerID { get; set; }
    public bool? Started { get; set; }
    public Dictionary<string, Quantity>? AllocatedResources { get; set; }
    public ResourceRequirements? Resources { get; set; }
    [PatchMergeKey("mountPath"), PatchStrategy("merge"), ListType("map", "mountPath")]
    public List<VolumeMountStatus>? VolumeMounts { get; set; }
    public ContainerUser? User { get; set; }
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<ResourceStatus>? AllocatedResourcesStatus { get; set; }
}

/// <summary>core/v1 ContainerState: at most one member is set.</summary>
public sealed record ContainerState
{
    public ContainerStateWaiting? Waiting { get; set; }
    public ContainerStateRunning? Running { get; set; }
    public ContainerStateTerminated? Terminated { get; set; }
}

/// <summary>core/v1 ContainerStateWaiting.</summary>
public sealed record ContainerStateWaiting
{
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>core/v1 ContainerStateRunning.</summary>
public sealed record ContainerStateRunning
{
    public DateTimeOffset? StartedAt { get; set; }
}

/// <summary>core/v1 ContainerStateTerminated.</summary>
public sealed record ContainerStateTerminated
{
    [ApiRequired] public int ExitCode { get; set; }
    public int? Signal { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? ContainerID { get; set; }
}

/// <summary>core/v1 VolumeMountStatus.</summary>
public sealed record VolumeMountStatus
{
    [ApiRequired] public string Name { get; set; } = "";
    [ApiRequired] public string MountPath { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? RecursiveReadOnly { get; set; }
}

/// <summary>core/v1 ContainerUser: the identity the container's first process runs as.</summary>
public sealed record ContainerUser
{
    public LinuxContainerUser? Linux { get; set; }
}

/// <summary>core/v1 LinuxContainerUser.</summary>
public sealed record LinuxContainerUser
{
    [ApiRequired] public long Uid { get; set; }
    [ApiRequired] public long Gid { get; set; }
    [ListType("atomic")] public List<long>? SupplementalGroups { get; set; }
}

/// <summary>core/v1 ResourceStatus: health of the devices behind one allocated resource.</summary>
public sealed record ResourceStatus
{
    [ApiRequired] public string Name { get; set; } = "";
    [ListType("map", "resourceID")]
    public List<ResourceHealth>? Resources { get; set; }
}

/// <summary>core/v1 ResourceHealth.</summary>
public sealed record ResourceHealth
{
    [ApiRequired] public string ResourceID { get; set; } = "";
    public string? Health { get; set; }
}
