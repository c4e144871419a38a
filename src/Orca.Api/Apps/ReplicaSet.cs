using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Api.Apps;

/// <summary>apps/v1 ReplicaSet: keeps a number of pods matching a selector running.</summary>
[Doc("Keeps a number of pod replicas, chosen by a label selector, running at all times.")]
public sealed record ReplicaSet : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Desired replicas, selector and pod template.")]
    public ReplicaSetSpec Spec { get; set; } = new();
    [Doc("Most recently observed replica counts.")]
    public ReplicaSetStatus Status { get; set; } = new();
}

/// <summary>apps/v1 ReplicaSetList.</summary>
public sealed record ReplicaSetList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<ReplicaSet> Items { get; set; } = new();
}

/// <summary>apps/v1 ReplicaSetSpec.</summary>
public sealed record ReplicaSetSpec
{
    [Doc("Number of desired pods; defaults to 1.")]
    public int? Replicas { get; set; }
    [Doc("Seconds a new pod must be ready before it counts as available.")]
    public int? MinReadySeconds { get; set; }
    [Doc("Label query over the pods; must match the template's labels.")]
    [ApiRequired] public LabelSelector? Selector { get; set; }
    [Doc("The pods created when too few exist.")]
    public PodTemplateSpec? Template { get; set; }
}

/// <summary>apps/v1 ReplicaSetStatus.</summary>
public sealed record ReplicaSetStatus
{
    [ApiRequired] public int Replicas { get; set; }
    public int? FullyLabeledReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public long? ObservedGeneration { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<ReplicaSetCondition>? Conditions { get; set; }
}

/// <summary>apps/v1 ReplicaSetCondition.</summary>
public sealed record ReplicaSetCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
