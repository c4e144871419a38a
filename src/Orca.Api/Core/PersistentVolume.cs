using System.Text.Json.Serialization;
using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 PersistentVolume: a piece of cluster storage (cluster-scoped).</summary>
[Doc("A piece of storage in the cluster, provisioned by an administrator or a StorageClass.")]
public sealed record PersistentVolume : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Capacity, access modes, source and binding of the volume.")]
    public PersistentVolumeSpec Spec { get; set; } = new();
    [Doc("The volume's phase: Pending, Available, Bound, Released or Failed.")]
    public PersistentVolumeStatus Status { get; set; } = new();
}

/// <summary>core/v1 PersistentVolumeList.</summary>
public sealed record PersistentVolumeList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<PersistentVolume> Items { get; set; } = new();
}

/// <summary>
/// core/v1 PersistentVolumeSpec. Kubernetes inlines PersistentVolumeSource; here its members are
/// properties of the spec itself, exactly one of which is set.
/// </summary>
public sealed record PersistentVolumeSpec
{
    [Doc("Resources of the volume, e.g. storage: 10Gi.")]
    public Dictionary<string, Quantity>? Capacity { get; set; }
    public GCEPersistentDiskVolumeSource? GCEPersistentDisk { get; set; }
    public AWSElasticBlockStoreVolumeSource? AWSElasticBlockStore { get; set; }
    [Doc("A directory of the host (single-node and test setups).")]
    public HostPathVolumeSource? HostPath { get; set; }
    public GlusterfsPersistentVolumeSource? Glusterfs { get; set; }
    public NFSVolumeSource? NFS { get; set; }
    public RBDPersistentVolumeSource? RBD { get; set; }
    public ISCSIPersistentVolumeSource? ISCSI { get; set; }
    public CinderPersistentVolumeSource? Cinder { get; set; }
    [JsonPropertyName("cephfs")]
    public CephFSPersistentVolumeSource? CephFS { get; set; }
    public FCVolumeSource? FC { get; set; }
    public FlockerVolumeSource? Flocker { get; set; }
    public FlexPersistentVolumeSource? FlexVolume { get; set; }
    public AzureFilePersistentVolumeSource? AzureFile { get; set; }
    public VsphereVirtualDiskVolumeSource? VsphereVolume { get; set; }
    public QuobyteVolumeSource? Quobyte { get; set; }
    public AzureDiskVolumeSource? AzureDisk { get; set; }
    public PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; set; }
    public PortworxVolumeSource? PortworxVolume { get; set; }
    public ScaleIOPersistentVolumeSource? ScaleIO { get; set; }
    [Doc("A local disk, partition or directory of one node (needs nodeAffinity).")]
    public LocalVolumeSource? Local { get; set; }
    [JsonPropertyName("storageos")]
    public StorageOSPersistentVolumeSource? StorageOS { get; set; }
    [Doc("A volume of an external CSI driver.")]
    public CSIPersistentVolumeSource? CSI { get; set; }
    [Doc("ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.")]
    [ListType("atomic")] public List<string>? AccessModes { get; set; }
    [Doc("The claim bound to this volume.")]
    public ObjectReference? ClaimRef { get; set; }
    [Doc("What happens when the claim is released: Retain, Delete or Recycle.")]
    public string? PersistentVolumeReclaimPolicy { get; set; }
    [Doc("The StorageClass this volume belongs to.")]
    public string? StorageClassName { get; set; }
    [ListType("atomic")] public List<string>? MountOptions { get; set; }
    [Doc("Filesystem or Block.")]
    public string? VolumeMode { get; set; }
    [Doc("The nodes this volume can be reached from.")]
    public VolumeNodeAffinity? NodeAffinity { get; set; }
    public string? VolumeAttributesClassName { get; set; }
}

/// <summary>core/v1 PersistentVolumeStatus.</summary>
public sealed record PersistentVolumeStatus
{
    public string? Phase { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? LastPhaseTransitionTime { get; set; }
}

/// <summary>core/v1 VolumeNodeAffinity.</summary>
public sealed record VolumeNodeAffinity
{
    public NodeSelector? Required { get; set; }
}

/// <summary>core/v1 TopologySelectorTerm: labels a topology domain must have (StorageClass allowedTopologies).</summary>
public sealed record TopologySelectorTerm
{
    [ListType("atomic")] public List<TopologySelectorLabelRequirement>? MatchLabelExpressions { get; set; }
}

/// <summary>core/v1 TopologySelectorLabelRequirement.</summary>
public sealed record TopologySelectorLabelRequirement
{
    [ApiRequired] public string Key { get; set; } = "";
    [ApiRequired, ListType("atomic")] public List<string> Values { get; set; } = new();
}
