using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 PersistentVolumeClaim: a user's request for storage, bound to a PersistentVolume.</summary>
[Doc("A request for storage of a size and access mode, bound to a PersistentVolume.")]
public sealed record PersistentVolumeClaim : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The storage the claim asks for.")]
    public PersistentVolumeClaimSpec Spec { get; set; } = new();
    [Doc("Whether and to what the claim is bound, and its capacity.")]
    public PersistentVolumeClaimStatus Status { get; set; } = new();
}

/// <summary>core/v1 PersistentVolumeClaimList.</summary>
public sealed record PersistentVolumeClaimList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<PersistentVolumeClaim> Items { get; set; } = new();
}

/// <summary>core/v1 PersistentVolumeClaimTemplate: the claim an ephemeral volume creates.</summary>
public sealed record PersistentVolumeClaimTemplate
{
    public ObjectMeta? Metadata { get; set; }
    [ApiRequired] public PersistentVolumeClaimSpec Spec { get; set; } = new();
}

/// <summary>core/v1 PersistentVolumeClaimSpec.</summary>
[Doc("The storage a claim asks for: size, access modes, class and optional data source.")]
public sealed record PersistentVolumeClaimSpec
{
    [ListType("atomic")] public List<string>? AccessModes { get; set; }
    public LabelSelector? Selector { get; set; }
    public VolumeResourceRequirements? Resources { get; set; }
    public string? VolumeName { get; set; }
    public string? StorageClassName { get; set; }
    public string? VolumeMode { get; set; }
    public TypedLocalObjectReference? DataSource { get; set; }
    public TypedObjectReference? DataSourceRef { get; set; }
    public string? VolumeAttributesClassName { get; set; }
}

/// <summary>core/v1 VolumeResourceRequirements.</summary>
public sealed record VolumeResourceRequirements
{
    public Dictionary<string, Quantity>? Limits { get; set; }
    public Dictionary<string, Quantity>? Requests { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimStatus.</summary>
public sealed record PersistentVolumeClaimStatus
{
    public string? Phase { get; set; }
    [ListType("atomic")] public List<string>? AccessModes { get; set; }
    public Dictionary<string, Quantity>? Capacity { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<PersistentVolumeClaimCondition>? Conditions { get; set; }
    public Dictionary<string, Quantity>? AllocatedResources { get; set; }
    public Dictionary<string, string>? AllocatedResourceStatuses { get; set; }
    public string? CurrentVolumeAttributesClassName { get; set; }
    public ModifyVolumeStatus? ModifyVolumeStatus { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimCondition.</summary>
public sealed record PersistentVolumeClaimCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastProbeTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}

/// <summary>core/v1 ModifyVolumeStatus.</summary>
public sealed record ModifyVolumeStatus
{
    public string? TargetVolumeAttributesClassName { get; set; }
    [ApiRequired] public string Status { get; set; } = "";
}
