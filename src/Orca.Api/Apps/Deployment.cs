using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.Api.Apps;

/// <summary>apps/v1 Deployment: declarative updates of pods through ReplicaSets.</summary>
[Doc("Runs replicas of a pod template and rolls them to a new template declaratively, through ReplicaSets.")]
public sealed record Deployment : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Desired behaviour of the deployment.")]
    public DeploymentSpec Spec { get; set; } = new();
    [Doc("Most recently observed status of the deployment.")]
    public DeploymentStatus Status { get; set; } = new();
}

/// <summary>apps/v1 DeploymentList.</summary>
public sealed record DeploymentList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Deployment> Items { get; set; } = new();
}

/// <summary>apps/v1 DeploymentSpec.</summary>
[Doc("The desired state of a deployment.")]
public sealed record DeploymentSpec
{
    [Doc("Number of desired pods; defaults to 1.")]
    public int? Replicas { get; set; }
    [Doc("Label query over the pods; must match the template's labels.")]
    [ApiRequired] public LabelSelector? Selector { get; set; }
    [Doc("The pods the deployment creates.")]
    [ApiRequired] public PodTemplateSpec Template { get; set; } = new();
    [Doc("How old pods are replaced by new ones: RollingUpdate (default) or Recreate.")]
    [PatchStrategy("retainKeys")]
    public DeploymentStrategy? Strategy { get; set; }
    [Doc("Seconds a new pod must be ready before it counts as available; defaults to 0.")]
    public int? MinReadySeconds { get; set; }
    [Doc("Old ReplicaSets kept for rollback; defaults to 10.")]
    public int? RevisionHistoryLimit { get; set; }
    [Doc("Whether the deployment is paused.")]
    public bool? Paused { get; set; }
    [Doc("Seconds without progress before the rollout is reported failed; defaults to 600.")]
    public int? ProgressDeadlineSeconds { get; set; }
}

/// <summary>apps/v1 DeploymentStrategy.</summary>
public sealed record DeploymentStrategy
{
    [Doc("Recreate or RollingUpdate.")]
    public string? Type { get; set; }
    [Doc("Parameters of a rolling update.")]
    public RollingUpdateDeployment? RollingUpdate { get; set; }
}

/// <summary>apps/v1 RollingUpdateDeployment.</summary>
public sealed record RollingUpdateDeployment
{
    [Doc("Pods that may be unavailable during the update (number or percentage); defaults to 25%.")]
    public IntOrString? MaxUnavailable { get; set; }
    [Doc("Pods that may exist above the desired number (number or percentage); defaults to 25%.")]
    public IntOrString? MaxSurge { get; set; }
}

/// <summary>apps/v1 DeploymentStatus.</summary>
public sealed record DeploymentStatus
{
    [Doc("The generation the controller last acted on.")]
    public long? ObservedGeneration { get; set; }
    public int? Replicas { get; set; }
    public int? UpdatedReplicas { get; set; }
    public int? ReadyReplicas { get; set; }
    public int? AvailableReplicas { get; set; }
    public int? UnavailableReplicas { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<DeploymentCondition>? Conditions { get; set; }
    public int? CollisionCount { get; set; }
}

/// <summary>apps/v1 DeploymentCondition.</summary>
public sealed record DeploymentCondition
{
    [Doc("Available, Progressing or ReplicaFailure.")]
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastUpdateTime { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
