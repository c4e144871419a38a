using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Api.Storage;

/// <summary>storage.k8s.io/v1 StorageClass: a kind of storage that PersistentVolumes are provisioned as (cluster-scoped).</summary>
[Doc("A class of storage: the provisioner and parameters used to create PersistentVolumes dynamically.")]
public sealed record StorageClass : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The volume plugin or driver that provisions volumes of this class.")]
    [ApiRequired] public string Provisioner { get; set; } = "";
    [Doc("Provisioner parameters.")]
    public Dictionary<string, string>? Parameters { get; set; }
    [Doc("Delete (default) or Retain: the reclaim policy of provisioned volumes.")]
    public string? ReclaimPolicy { get; set; }
    [ListType("atomic")] public List<string>? MountOptions { get; set; }
    public bool? AllowVolumeExpansion { get; set; }
    [Doc("Immediate (default) or WaitForFirstConsumer.")]
    public string? VolumeBindingMode { get; set; }
    [ListType("atomic")] public List<TopologySelectorTerm>? AllowedTopologies { get; set; }
}

/// <summary>storage.k8s.io/v1 StorageClassList.</summary>
public sealed record StorageClassList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<StorageClass> Items { get; set; } = new();
}
