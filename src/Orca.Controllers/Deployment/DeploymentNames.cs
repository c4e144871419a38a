namespace Orca.Controllers.Deployments;

/// <summary>Annotations, condition types and reasons of Deployments, as Kubernetes spells them.</summary>
internal static class DeploymentNames
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
    public const string RollbackToAnnotation = "deprecated.deployment.rollback.to";
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Longest revision-history annotation kept (older entries are dropped first).</summary>
    public const int MaxRevisionHistoryLength = 2000;

    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string ReplicaFailure = "ReplicaFailure";

    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";
    public const string FoundNewReplicaSet = "FoundNewReplicaSet";
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string ReplicaSetCreateError = "ReplicaSetCreateError";
    public const string DeploymentPaused = "DeploymentPaused";
    public const string DeploymentResumed = "DeploymentResumed";

    /// <summary>Deployment annotations that are not copied to its ReplicaSets.</summary>
    public static bool SkipCopy(string key) => key is LastAppliedAnnotation or RevisionAnnotation or RevisionHistoryAnnotation
        or DesiredReplicasAnnotation or MaxReplicasAnnotation or RollbackToAnnotation;
}
