using System.Text.Json.Serialization;

namespace Orca.Api.Core;

// Network, cloud and vendor volume sources. Most are deprecated in Kubernetes (migrated to CSI)
// but still part of the v1 API, so objects using them must round-trip.

/// <summary>core/v1 GCEPersistentDiskVolumeSource.</summary>
public sealed record GCEPersistentDiskVolumeSource
{
    [ApiRequired] public string PdName { get; set; } = "";
    public string? FsType { get; set; }
    public int? Partition { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 AWSElasticBlockStoreVolumeSource.</summary>
public sealed record AWSElasticBlockStoreVolumeSource
{
    [ApiRequired] public string VolumeID { get; set; } = "";
    public string? FsType { get; set; }
    public int? Partition { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 GitRepoVolumeSource (deprecated).</summary>
public sealed record GitRepoVolumeSource
{
    [ApiRequired] public string Repository { get; set; } = "";
    public string? Revision { get; set; }
    public string? Directory { get; set; }
}

/// <summary>core/v1 NFSVolumeSource.</summary>
public sealed record NFSVolumeSource
{
    [ApiRequired] public string Server { get; set; } = "";
    [ApiRequired] public string Path { get; set; } = "";
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 ISCSIVolumeSource.</summary>
public sealed record ISCSIVolumeSource
{
    [ApiRequired] public string TargetPortal { get; set; } = "";
    [ApiRequired] public string IQN { get; set; } = "";
    [ApiRequired] public int Lun { get; set; }
    public string? ISCSIInterface { get; set; }
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
    [ListType("atomic")] public List<string>? Portals { get; set; }
    public bool? ChapAuthDiscovery { get; set; }
    public bool? ChapAuthSession { get; set; }
    public LocalObjectReference? SecretRef { get; set; }
    public string? InitiatorName { get; set; }
}

/// <summary>core/v1 GlusterfsVolumeSource.</summary>
public sealed record GlusterfsVolumeSource
{
    [ApiRequired] public string Endpoints { get; set; } = "";
    [ApiRequired] public string Path { get; set; } = "";
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 RBDVolumeSource (Ceph RADOS block device).</summary>
public sealed record RBDVolumeSource
{
    [ApiRequired, ListType("atomic")] public List<string> Monitors { get; set; } = new();
    [ApiRequired] public string Image { get; set; } = "";
    public string? FsType { get; set; }
    public string? Pool { get; set; }
    public string? User { get; set; }
    public string? Keyring { get; set; }
    public LocalObjectReference? SecretRef { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 FlexVolumeSource.</summary>
public sealed record FlexVolumeSource
{
    [ApiRequired] public string Driver { get; set; } = "";
    public string? FsType { get; set; }
    public LocalObjectReference? SecretRef { get; set; }
    public bool? ReadOnly { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

/// <summary>core/v1 CinderVolumeSource.</summary>
public sealed record CinderVolumeSource
{
    [ApiRequired] public string VolumeID { get; set; } = "";
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
    public LocalObjectReference? SecretRef { get; set; }
}

/// <summary>core/v1 CephFSVolumeSource.</summary>
public sealed record CephFSVolumeSource
{
    [ApiRequired, ListType("atomic")] public List<string> Monitors { get; set; } = new();
    public string? Path { get; set; }
    public string? User { get; set; }
    public string? SecretFile { get; set; }
    public LocalObjectReference? SecretRef { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 FlockerVolumeSource.</summary>
public sealed record FlockerVolumeSource
{
    public string? DatasetName { get; set; }
    public string? DatasetUUID { get; set; }
}

/// <summary>core/v1 FCVolumeSource (Fibre Channel).</summary>
public sealed record FCVolumeSource
{
    [ListType("atomic")] public List<string>? TargetWWNs { get; set; }
    public int? Lun { get; set; }
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
    [JsonPropertyName("wwids")]
    [ListType("atomic")] public List<string>? WWIDs { get; set; }
}

/// <summary>core/v1 AzureFileVolumeSource.</summary>
public sealed record AzureFileVolumeSource
{
    [ApiRequired] public string SecretName { get; set; } = "";
    [ApiRequired] public string ShareName { get; set; } = "";
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 VsphereVirtualDiskVolumeSource.</summary>
public sealed record VsphereVirtualDiskVolumeSource
{
    [ApiRequired] public string VolumePath { get; set; } = "";
    public string? FsType { get; set; }
    public string? StoragePolicyName { get; set; }
    public string? StoragePolicyID { get; set; }
}

/// <summary>core/v1 QuobyteVolumeSource.</summary>
public sealed record QuobyteVolumeSource
{
    [ApiRequired] public string Registry { get; set; } = "";
    [ApiRequired] public string Volume { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? User { get; set; }
    public string? Group { get; set; }
    public string? Tenant { get; set; }
}

/// <summary>core/v1 AzureDiskVolumeSource.</summary>
public sealed record AzureDiskVolumeSource
{
    [ApiRequired] public string DiskName { get; set; } = "";
    [ApiRequired] public string DiskURI { get; set; } = "";
    public string? CachingMode { get; set; }
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
    public string? Kind { get; set; }
}

/// <summary>core/v1 PhotonPersistentDiskVolumeSource.</summary>
public sealed record PhotonPersistentDiskVolumeSource
{
    [ApiRequired] public string PdID { get; set; } = "";
    public string? FsType { get; set; }
}

/// <summary>core/v1 PortworxVolumeSource.</summary>
public sealed record PortworxVolumeSource
{
    [ApiRequired] public string VolumeID { get; set; } = "";
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 ScaleIOVolumeSource.</summary>
public sealed record ScaleIOVolumeSource
{
    [ApiRequired] public string Gateway { get; set; } = "";
    [ApiRequired] public string System { get; set; } = "";
    [ApiRequired] public LocalObjectReference? SecretRef { get; set; }
    public bool? SslEnabled { get; set; }
    public string? ProtectionDomain { get; set; }
    public string? StoragePool { get; set; }
    public string? StorageMode { get; set; }
    public string? VolumeName { get; set; }
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 StorageOSVolumeSource.</summary>
public sealed record StorageOSVolumeSource
{
    public string? VolumeName { get; set; }
    public string? VolumeNamespace { get; set; }
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
    public LocalObjectReference? SecretRef { get; set; }
}
