using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 ReplicationController: the predecessor of ReplicaSet, with an equality-only selector.</summary>
[Doc("Keeps a number of pod replicas running (the older form of ReplicaSet).")]
public sealed record ReplicationController : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Desired replicas, selector and pod template.")]
    public ReplicationControllerSpec Spec { get; set; } = new();
    [Doc("Most recently observed replica counts.")]
    public ReplicationControllerStatus Status { get; set; } = new();
}

/// <summary>core/v1 ReplicationControllerList.</summary>
public sealed record ReplicationControllerList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<ReplicationController> Items { get; set; } = new();
}

/// <summary>core/v1 ReplicationControllerSpec.</summary>
public sealed record ReplicationControllerSpec
{
    [Doc("Number of desired pods; defaults to 1.")]
    public int? Replicas { get; set; }
    [Doc("Seconds a new pod must be ready before it counts as available.")]
    public int? MinReadySeconds { get; set; }
    [Doc("Labels the pods must carry; defaults to the template's labels.")]
    public Dictionary<string, string>? Selector { get; set; }
    [Doc("The pods created when too few exist.")]
    public PodTemplateSpec? Template { get; set; }
}

/// <summary>core/v1 ReplicationControllerStatus.</summary>
public sealed record ReplicationControllerStatus
{
    [ApiRequired] public int Replicas { get; set; }
    public int? FullyLabeledReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public long? ObservedGeneration { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<ReplicationControllerCondition>? Conditions { get; set; }
}

/// <summary>core/v1 ReplicationControllerCondition.</summary>
public sealed record ReplicationControllerCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
