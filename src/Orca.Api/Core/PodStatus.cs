namespace Orca.Api.Core;

/// <summary>core/v1 PodStatus.</summary>
[Doc("The observed state of a pod.")]
public sealed record PodStatus
{
    [Doc("Pending, Running, Succeeded, Failed or Unknown.")]
    public string? Phase { get; set; }
    [Doc("Current conditions such as PodScheduled and Ready.")]
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<PodCondition>? Conditions { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public string? NominatedNodeName { get; set; }
    [Doc("Primary IP of the node the pod runs on.")]
    public string? HostIP { get; set; }
    [PatchMergeKey("ip"), PatchStrategy("merge"), ListType("atomic")]
    public List<HostIP>? HostIPs { get; set; }
    [Doc("Primary IP of the pod.")]
    public string? PodIP { get; set; }
    [PatchMergeKey("ip"), PatchStrategy("merge"), ListType("map", "ip")]
    public List<PodIP>? PodIPs { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    [ListType("atomic")] public List<ContainerStatus>? InitContainerStatuses { get; set; }
    [Doc("State of each application container.")]
    [ListType("atomic")] public List<ContainerStatus>? ContainerStatuses { get; set; }
    public string? QOSClass { get; set; }
    [ListType("atomic")] public List<ContainerStatus>? EphemeralContainerStatuses { get; set; }
    public string? Resize { get; set; }
    [PatchMergeKey("name"), PatchStrategy("merge,retainKeys"), ListType("map", "name")]
    public List<PodResourceClaimStatus>? ResourceClaimStatuses { get; set; }
}

/// <summary>core/v1 PodCondition.</summary>
public sealed record PodCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>core/v1 HostIP.</summary>
public sealed record HostIP
{
    [ApiRequired] public string IP { get; set; } = "";
}

/// <summary>core/v1 PodIP.</summary>
public sealed record PodIP
{
    [ApiRequired] public string IP { get; set; } = "";
}

/// <summary>core/v1 PodResourceClaimStatus: the generated ResourceClaim of a pod claim.</summary>
public sealed record PodResourceClaimStatus
{
    [ApiRequired] public string Name { get; set; } = "";
    public string? ResourceClaimName { get; set; }
}
