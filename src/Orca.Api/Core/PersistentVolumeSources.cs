namespace Orca.Api.Core;

// The PersistentVolume forms of volume sources: like the pod forms, but a secret may live in
// another namespace (SecretReference), since a volume is cluster-scoped.

/// <summary>core/v1 SecretReference: a secret by name and namespace.</summary>
public sealed record SecretReference
{
    public string? Name { get; set; }
    public string? Namespace { get; set; }
}

/// <summary>core/v1 LocalVolumeSource: a local disk or directory of a node.</summary>
public sealed record LocalVolumeSource
{
    [ApiRequired] public string Path { get; set; } = "";
    public string? FsType { get; set; }
}

/// <summary>core/v1 GlusterfsPersistentVolumeSource.</summary>
public sealed record GlusterfsPersistentVolumeSource
{
    [ApiRequired] public string Endpoints { get; set; } = "";
    [ApiRequired] public string Path { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? EndpointsNamespace { get; set; }
}

/// <summary>core/v1 RBDPersistentVolumeSource.</summary>
public sealed record RBDPersistentVolumeSource
{
    [ApiRequired, ListType("atomic")] public List<string> Monitors { get; set; } = new();
    [ApiRequired] public string Image { get; set; } = "";
    public string? FsType { get; set; }
    public string? Pool { get; set; }
    public string? User { get; set; }
    public string? Keyring { get; set; }
    public SecretReference? SecretRef { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 ISCSIPersistentVolumeSource.</summary>
public sealed record ISCSIPersistentVolumeSource
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
    public SecretReference? SecretRef { get; set; }
    public string? InitiatorName { get; set; }
}

/// <summary>core/v1 CinderPersistentVolumeSource.</summary>
public sealed record CinderPersistentVolumeSource
{
    [ApiRequired] public string VolumeID { get; set; } = "";
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
    public SecretReference? SecretRef { get; set; }
}

/// <summary>core/v1 CephFSPersistentVolumeSource.</summary>
public sealed record CephFSPersistentVolumeSource
{
    [ApiRequired, ListType("atomic")] public List<string> Monitors { get; set; } = new();
    public string? Path { get; set; }
    public string? User { get; set; }
    public string? SecretFile { get; set; }
    public SecretReference? SecretRef { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 FlexPersistentVolumeSource.</summary>
public sealed record FlexPersistentVolumeSource
{
    [ApiRequired] public string Driver { get; set; } = "";
    public string? FsType { get; set; }
    public SecretReference? SecretRef { get; set; }
    public bool? ReadOnly { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

/// <summary>core/v1 AzureFilePersistentVolumeSource.</summary>
public sealed record AzureFilePersistentVolumeSource
{
    [ApiRequired] public string SecretName { get; set; } = "";
    [ApiRequired] public string ShareName { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? SecretNamespace { get; set; }
}

/// <summary>core/v1 ScaleIOPersistentVolumeSource.</summary>
public sealed record ScaleIOPersistentVolumeSource
{
    [ApiRequired] public string Gateway { get; set; } = "";
    [ApiRequired] public string System { get; set; } = "";
    [ApiRequired] public SecretReference? SecretRef { get; set; }
    public bool? SslEnabled { get; set; }
    public string? ProtectionDomain { get; set; }
    public string? StoragePool { get; set; }
    public string? StorageMode { get; set; }
    public string? VolumeName { get; set; }
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>core/v1 StorageOSPersistentVolumeSource.</summary>
public sealed record StorageOSPersistentVolumeSource
{
    public string? VolumeName { get; set; }
    public string? VolumeNamespace { get; set; }
    public string? FsType { get; set; }
    public bool? ReadOnly { get; set; }
    public ObjectReference? SecretRef { get; set; }
}

/// <summary>core/v1 CSIPersistentVolumeSource.</summary>
public sealed record CSIPersistentVolumeSource
{
    [ApiRequired] public string Driver { get; set; } = "";
    [ApiRequired] public string VolumeHandle { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? FsType { get; set; }
    public Dictionary<string, string>? VolumeAttributes { get; set; }
    public SecretReference? ControllerPublishSecretRef { get; set; }
    public SecretReference? NodeStageSecretRef { get; set; }
    public SecretReference? NodePublishSecretRef { get; set; }
    public SecretReference? ControllerExpandSecretRef { get; set; }
    public SecretReference? NodeExpandSecretRef { get; set; }
}
