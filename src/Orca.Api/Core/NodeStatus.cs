using System.Text.Json.Serialization;

namespace Orca.Api.Core;

/// <summary>core/v1 NodeStatus.</summary>
[Doc("The observed state of a node, reported by its node agent.")]
public sealed record NodeStatus
{
    [Doc("Total resources of the node.")]
    public Dictionary<string, Quantity>? Capacity { get; set; }
    [Doc("Resources available to pods (capacity minus reservations).")]
    public Dictionary<string, Quantity>? Allocatable { get; set; }
    public string? Phase { get; set; }
    [Doc("Conditions such as Ready, MemoryPressure and DiskPressure.")]
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<NodeCondition>? Conditions { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<NodeAddress>? Addresses { get; set; }
    public NodeDaemonEndpoints? DaemonEndpoints { get; set; }
    public NodeSystemInfo? NodeInfo { get; set; }
    [ListType("atomic")] public List<ContainerImage>? Images { get; set; }
    [ListType("atomic")] public List<string>? VolumesInUse { get; set; }
    [ListType("atomic")] public List<AttachedVolume>? VolumesAttached { get; set; }
    public NodeConfigStatus? Config { get; set; }
    [ListType("atomic")] public List<NodeRuntimeHandler>? RuntimeHandlers { get; set; }
    public NodeFeatures? Features { get; set; }
}

/// <summary>core/v1 NodeCondition.</summary>
public sealed record NodeCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastHeartbeatTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>core/v1 NodeAddress.</summary>
public sealed record NodeAddress
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Address { get; set; } = "";
}

/// <summary>core/v1 NodeDaemonEndpoints.</summary>
public sealed record NodeDaemonEndpoints
{
    public DaemonEndpoint? KubeletEndpoint { get; set; }
}

/// <summary>core/v1 DaemonEndpoint. Its one field is spelled "Port" (capital P) on the wire.</summary>
public sealed record DaemonEndpoint
{
    [ApiRequired, JsonPropertyName("Port")]
    public int Port { get; set; }
}

/// <summary>core/v1 NodeSystemInfo: every field is always present on the wire.</summary>
public sealed record NodeSystemInfo
{
    [ApiRequired] public string MachineID { get; set; } = "";
    [ApiRequired] public string SystemUUID { get; set; } = "";
    [ApiRequired] public string BootID { get; set; } = "";
    [ApiRequired] public string KernelVersion { get; set; } = "";
    [ApiRequired] public string OSImage { get; set; } = "";
    [ApiRequired] public string ContainerRuntimeVersion { get; set; } = "";
    [ApiRequired] public string KubeletVersion { get; set; } = "";
    [ApiRequired] public string KubeProxyVersion { get; set; } = "";
    [ApiRequired] public string OperatingSystem { get; set; } = "";
    [ApiRequired] public string Architecture { get; set; } = "";
}

/// <summary>core/v1 ContainerImage: an image present on the node.</summary>
public sealed record ContainerImage
{
    [ListType("atomic")] public List<string>? Names { get; set; }
    public long? SizeBytes { get; set; }
}

/// <summary>core/v1 AttachedVolume.</summary>
public sealed record AttachedVolume
{
    [ApiRequired] public string Name { get; set; } = "";
    [ApiRequired] public string DevicePath { get; set; } = "";
}

/// <summary>core/v1 NodeConfigStatus (dynamic kubelet config; deprecated).</summary>
public sealed record NodeConfigStatus
{
    public NodeConfigSource? Assigned { get; set; }
    public NodeConfigSource? Active { get; set; }
    public NodeConfigSource? LastKnownGood { get; set; }
    public string? Error { get; set; }
}

/// <summary>core/v1 NodeRuntimeHandler: a runtime handler (e.g. runc) and what it supports.</summary>
public sealed record NodeRuntimeHandler
{
    public string? Name { get; set; }
    public NodeRuntimeHandlerFeatures? Features { get; set; }
}

/// <summary>core/v1 NodeRuntimeHandlerFeatures.</summary>
public sealed record NodeRuntimeHandlerFeatures
{
    public bool? RecursiveReadOnlyMounts { get; set; }
    public bool? UserNamespaces { get; set; }
}

/// <summary>core/v1 NodeFeatures.</summary>
public sealed record NodeFeatures
{
    public bool? SupplementalGroupsPolicy { get; set; }
}
