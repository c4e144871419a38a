using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Api.Apps;

/// <summary>apps/v1 StatefulSet: pods with stable names, hostnames and storage.</summary>
[Doc("Runs pods with stable identities: ordinal names, stable hostnames and their own volumes.")]
public sealed record StatefulSet : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Desired identities of the pods of the set.")]
    public StatefulSetSpec Spec { get; set; } = new();
    [Doc("Most recently observed status of the set.")]
    public StatefulSetStatus Status { get; set; } = new();
}

/// <summary>apps/v1 StatefulSetList.</summary>
public sealed record StatefulSetList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<StatefulSet> Items { get; set; } = new();
}

/// <summary>apps/v1 StatefulSetSpec.</summary>
public sealed record StatefulSetSpec
{
    [Doc("Number of desired pods; defaults to 1.")]
    public int? Replicas { get; set; }
    [Doc("Label query over the pods; must match the template's labels.")]
    [ApiRequired] public LabelSelector? Selector { get; set; }
    [Doc("The pods of the set, named <set>-<ordinal>.")]
    [ApiRequired] public PodTemplateSpec Template { get; set; } = new();
    [Doc("Claims each pod gets its own PersistentVolumeClaim of.")]
    [ListType("atomic")] public List<PersistentVolumeClaim>? VolumeClaimTemplates { get; set; }
    [Doc("The headless service that gives the pods their DNS names.")]
    public string? ServiceName { get; set; }
    [Doc("OrderedReady (default) or Parallel.")]
    public string? PodManagementPolicy { get; set; }
    [Doc("How pods are updated when the template changes.")]
    public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }
    [Doc("Revisions kept in history; defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }
    public int? MinReadySeconds { get; set; }
    [Doc("Whether claims of the templates are deleted with the set or on scale-down.")]
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }
    public StatefulSetOrdinals? Ordinals { get; set; }
}

/// <summary>apps/v1 StatefulSetUpdateStrategy.</summary>
public sealed record StatefulSetUpdateStrategy
{
    [Doc("RollingUpdate (default) or OnDelete.")]
    public string? Type { get; set; }
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; set; }
}

/// <summary>apps/v1 RollingUpdateStatefulSetStrategy.</summary>
public sealed record RollingUpdateStatefulSetStrategy
{
    [Doc("Ordinal from which pods are updated; lower ordinals keep the old revision.")]
    public int? Partition { get; set; }
    public IntOrString? MaxUnavailable { get; set; }
}

/// <summary>apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy.</summary>
public sealed record StatefulSetPersistentVolumeClaimRetentionPolicy
{
    [Doc("Retain (default) or Delete.")]
    public string? WhenDeleted { get; set; }
    [Doc("Retain (default) or Delete.")]
    public string? WhenScaled { get; set; }
}

/// <summary>apps/v1 StatefulSetOrdinals.</summary>
public sealed record StatefulSetOrdinals
{
    public int? Start { get; set; }
}

/// <summary>apps/v1 StatefulSetStatus.</summary>
public sealed record StatefulSetStatus
{
    public long? ObservedGeneration { get; set; }
    [ApiRequired] public int Replicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? CurrentReplicas { get; set; }
    public int? UpdatedReplicas { get; set; }
    public string? CurrentRevision { get; set; }
    public string? UpdateRevision { get; set; }
    public int? CollisionCount { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<StatefulSetCondition>? Conditions { get; set; }
    public int AvailableReplicas { get; set; }
}

/// <summary>apps/v1 StatefulSetCondition.</summary>
public sealed record StatefulSetCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
