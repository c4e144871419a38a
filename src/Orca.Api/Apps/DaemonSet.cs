using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Api.Apps;

/// <summary>apps/v1 DaemonSet: one pod on every eligible node.</summary>
[Doc("Runs one copy of a pod on every eligible node.")]
public sealed record DaemonSet : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Desired behaviour of the daemon set.")]
    public DaemonSetSpec Spec { get; set; } = new();
    [Doc("Most recently observed status of the daemon set.")]
    public DaemonSetStatus Status { get; set; } = new();
}

/// <summary>apps/v1 DaemonSetList.</summary>
public sealed record DaemonSetList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<DaemonSet> Items { get; set; } = new();
}

/// <summary>apps/v1 DaemonSetSpec.</summary>
public sealed record DaemonSetSpec
{
    [Doc("Label query over the pods; must match the template's labels.")]
    [ApiRequired] public LabelSelector? Selector { get; set; }
    [Doc("The pod run on each node.")]
    [ApiRequired] public PodTemplateSpec Template { get; set; } = new();
    [Doc("How pods are replaced when the template changes.")]
    public DaemonSetUpdateStrategy? UpdateStrategy { get; set; }
    public int? MinReadySeconds { get; set; }
    [Doc("Old revisions kept for rollback; defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }
}

/// <summary>apps/v1 DaemonSetUpdateStrategy.</summary>
public sealed record DaemonSetUpdateStrategy
{
    [Doc("RollingUpdate (default) or OnDelete.")]
    public string? Type { get; set; }
    public RollingUpdateDaemonSet? RollingUpdate { get; set; }
}

/// <summary>apps/v1 RollingUpdateDaemonSet.</summary>
public sealed record RollingUpdateDaemonSet
{
    [Doc("Nodes whose pod may be unavailable during the update; defaults to 1.")]
    public IntOrString? MaxUnavailable { get; set; }
    [Doc("Nodes that may run an extra new pod during the update; defaults to 0.")]
    public IntOrString? MaxSurge { get; set; }
}

/// <summary>apps/v1 DaemonSetStatus.</summary>
public sealed record DaemonSetStatus
{
    [ApiRequired] public int CurrentNumberScheduled { get; set; }
    [ApiRequired] public int NumberMisscheduled { get; set; }
    [ApiRequired] public int DesiredNumberScheduled { get; set; }
    [ApiRequired] public int NumberReady { get; set; }
    public long? ObservedGeneration { get; set; }
    public int? UpdatedNumberScheduled { get; set; }
    public int? NumberAvailable { get; set; }
    public int? NumberUnavailable { get; set; }
    public int? CollisionCount { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<DaemonSetCondition>? Conditions { get; set; }
}

/// <summary>apps/v1 DaemonSetCondition.</summary>
public sealed record DaemonSetCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
