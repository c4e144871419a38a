using System.Text.Json.Serialization;

namespace Orca.Api.Core;

/// <summary>
/// core/v1 Volume: a name plus exactly one volume source. Kubernetes inlines VolumeSource into
/// Volume; here its members are properties of Volume itself.
/// </summary>
[Doc("A named volume that containers of the pod can mount; exactly one source is set.")]
public sealed record Volume
{
    [Doc("Name of the volume, unique within the pod.")]
    [ApiRequired] public string Name { get; set; } = "";
    [Doc("A file or directory of the host.")]
    public HostPathVolumeSource? HostPath { get; set; }
    [Doc("A scratch directory that lives as long as the pod.")]
    public EmptyDirVolumeSource? EmptyDir { get; set; }
    public GCEPersistentDiskVolumeSource? GCEPersistentDisk { get; set; }
    public AWSElasticBlockStoreVolumeSource? AWSElasticBlockStore { get; set; }
    public GitRepoVolumeSource? GitRepo { get; set; }
    [Doc("The keys of a Secret as files.")]
    public SecretVolumeSource? Secret { get; set; }
    public NFSVolumeSource? NFS { get; set; }
    public ISCSIVolumeSource? ISCSI { get; set; }
    public GlusterfsVolumeSource? Glusterfs { get; set; }
    [Doc("A PersistentVolumeClaim in the pod's namespace.")]
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }
    public RBDVolumeSource? RBD { get; set; }
    public FlexVolumeSource? FlexVolume { get; set; }
    public CinderVolumeSource? Cinder { get; set; }
    [JsonPropertyName("cephfs")]
    public CephFSVolumeSource? CephFS { get; set; }
    public FlockerVolumeSource? Flocker { get; set; }
    [Doc("Pod fields and resource values as files.")]
    public DownwardAPIVolumeSource? DownwardAPI { get; set; }
    public FCVolumeSource? FC { get; set; }
    public AzureFileVolumeSource? AzureFile { get; set; }
    [Doc("The keys of a ConfigMap as files.")]
    public ConfigMapVolumeSource? ConfigMap { get; set; }
    public VsphereVirtualDiskVolumeSource? VsphereVolume { get; set; }
    public QuobyteVolumeSource? Quobyte { get; set; }
    public AzureDiskVolumeSource? AzureDisk { get; set; }
    public PhotonPersistentDiskVolumeSource? PhotonPersistentDisk { get; set; }
    [Doc("Several sources (secrets, config maps, downward API, tokens) merged into one directory.")]
    public ProjectedVolumeSource? Projected { get; set; }
    public PortworxVolumeSource? PortworxVolume { get; set; }
    public ScaleIOVolumeSource? ScaleIO { get; set; }
    [JsonPropertyName("storageos")]
    public StorageOSVolumeSource? StorageOS { get; set; }
    [Doc("An inline volume of a CSI driver.")]
    public CSIVolumeSource? CSI { get; set; }
    [Doc("A PersistentVolumeClaim created for and deleted with the pod.")]
    public EphemeralVolumeSource? Ephemeral { get; set; }
    [Doc("The contents of an OCI image or artifact, read-only.")]
    public ImageVolumeSource? Image { get; set; }
}

/// <summary>core/v1 KeyToPath: maps one key of a ConfigMap/Secret to a file path.</summary>
public sealed record KeyToPath
{
    [ApiRequired] public string Key { get; set; } = "";
    [ApiRequired] public string Path { get; set; } = "";
    public int? Mode { get; set; }
}
