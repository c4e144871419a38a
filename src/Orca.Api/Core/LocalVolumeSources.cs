using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 HostPathVolumeSource.</summary>
public sealed record HostPathVolumeSource
{
    [ApiRequired] public string Path { get; set; } = "";
    public string? Type { get; set; }
}

/// <summary>core/v1 EmptyDirVolumeSource.</summary>
public sealed record EmptyDirVolumeSource
{
    public string? Medium { get; set; }
    public Quantity? SizeLimit { get; set; }
}

/// <summary>core/v1 SecretVolumeSource.</summary>
public sealed record SecretVolumeSource
{
    public string? SecretName { get; set; }
    [ListType("atomic")] public List<KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 ConfigMapVolumeSource.</summary>
public sealed record ConfigMapVolumeSource
{
    public string? Name { get; set; }
    [ListType("atomic")] public List<KeyToPath>? Items { get; set; }
    public int? DefaultMode { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 PersistentVolumeClaimVolumeSource.</summary>
public sealed record PersistentVolumeClaimVolumeSource
{
    [ApiRequired] public string ClaimName { get; set; } = "";
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 DownwardAPIVolumeSource.</summary>
public sealed record DownwardAPIVolumeSource
{
    [ListType("atomic")] public List<DownwardAPIVolumeFile>? Items { get; set; }
    public int? DefaultMode { get; set; }
}

/// <summary>core/v1 DownwardAPIVolumeFile: one file holding a pod field or resource value.</summary>
public sealed record DownwardAPIVolumeFile
{
    [ApiRequired] public string Path { get; set; } = "";
    public ObjectFieldSelector? FieldRef { get; set; }
    public ResourceFieldSelector? ResourceFieldRef { get; set; }
    public int? Mode { get; set; }
}

/// <summary>core/v1 ProjectedVolumeSource.</summary>
public sealed record ProjectedVolumeSource
{
    [ListType("atomic")] public List<VolumeProjection>? Sources { get; set; }
    public int? DefaultMode { get; set; }
}

/// <summary>core/v1 VolumeProjection: exactly one member is set.</summary>
public sealed record VolumeProjection
{
    public SecretProjection? Secret { get; set; }
    public DownwardAPIProjection? DownwardAPI { get; set; }
    public ConfigMapProjection? ConfigMap { get; set; }
    public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }
    public ClusterTrustBundleProjection? ClusterTrustBundle { get; set; }
}

/// <summary>core/v1 SecretProjection.</summary>
public sealed record SecretProjection
{
    public string? Name { get; set; }
    [ListType("atomic")] public List<KeyToPath>? Items { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 ConfigMapProjection.</summary>
public sealed record ConfigMapProjection
{
    public string? Name { get; set; }
    [ListType("atomic")] public List<KeyToPath>? Items { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 DownwardAPIProjection.</summary>
public sealed record DownwardAPIProjection
{
    [ListType("atomic")] public List<DownwardAPIVolumeFile>? Items { get; set; }
}

/// <summary>core/v1 ServiceAccountTokenProjection: a bound service-account token file.</summary>
public sealed record ServiceAccountTokenProjection
{
    public string? Audience { get; set; }
    public long? ExpirationSeconds { get; set; }
    [ApiRequired] public string Path { get; set; } = "";
}

/// <summary>core/v1 ClusterTrustBundleProjection.</summary>
public sealed record ClusterTrustBundleProjection
{
    public string? Name { get; set; }
    public string? SignerName { get; set; }
    public LabelSelector? LabelSelector { get; set; }
    public bool? Optional { get; set; }
    [ApiRequired] public string Path { get; set; } = "";
}

/// <summary>core/v1 CSIVolumeSource.</summary>
public sealed record CSIVolumeSource
{
    [ApiRequired] public string Driver { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? FsType { get; set; }
    public Dictionary<string, string>? VolumeAttributes { get; set; }
    public LocalObjectReference? NodePublishSecretRef { get; set; }
}

/// <summary>core/v1 EphemeralVolumeSource.</summary>
public sealed record EphemeralVolumeSource
{
    public PersistentVolumeClaimTemplate? VolumeClaimTemplate { get; set; }
}

/// <summary>core/v1 ImageVolumeSource: an OCI image or artifact mounted read-only.</summary>
public sealed record ImageVolumeSource
{
    public string? Reference { get; set; }
    public string? PullPolicy { get; set; }
}
