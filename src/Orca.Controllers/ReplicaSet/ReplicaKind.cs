using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Selectors;

namespace Orca.Controllers.ReplicaSets;

/// <summary>The status fields a ReplicaSet and a ReplicationController share (value equality, so "unchanged" is cheap to see).</summary>
internal sealed record ReplicaStatus(int Replicas, int FullyLabeled, int Ready, int Available, long? ObservedGeneration, ReplicaFailure? Failure);

/// <summary>The ReplicaFailure condition (True) with its reason and message.</summary>
internal sealed record ReplicaFailure(string Reason, string Message, DateTimeOffset? LastTransitionTime);

/// <summary>
/// How the one replica controller reads and writes a kind it serves: apps/v1 ReplicaSet or core/v1
/// ReplicationController. Stateless; every accessor is a pure function of the object.
/// </summary>
internal sealed record ReplicaKind<T>(
    string Name,
    string ApiVersion,
    string Kind,
    string Component,
    Func<T, int> Replicas,
    Func<T, int> MinReadySeconds,
    Func<T, LabelSelectorExpr?> Selector,
    Func<T, PodTemplateSpec?> Template,
    Func<T, ReplicaStatus> StatusOf,
    Action<T, ReplicaStatus> SetStatus) where T : class, IKubeObject;

/// <summary>The two kinds the replica controller serves.</summary>
internal static class ReplicaKinds
{
    public const string ReplicaFailureType = "ReplicaFailure";

    public static readonly ReplicaKind<ReplicaSet> ReplicaSets = new(
        "replicaset", "apps/v1", "ReplicaSet", "replicaset-controller",
        rs => rs.Spec.Replicas ?? 1,
        rs => rs.Spec.MinReadySeconds ?? 0,
        rs => LabelSelectorConverter.TryConvert(rs.Spec.Selector, out var expr, out _) ? expr : null,
        rs => rs.Spec.Template,
        rs => new ReplicaStatus(rs.Status.Replicas, rs.Status.FullyLabeledReplicas ?? 0, rs.Status.ReadyReplicas ?? 0,
            rs.Status.AvailableReplicas ?? 0, rs.Status.ObservedGeneration,
            rs.Status.Conditions?.FirstOrDefault(c => c.Type == ReplicaFailureType) is { } c ? new ReplicaFailure(c.Reason ?? "", c.Message ?? "", c.LastTransitionTime) : null),
        (rs, s) => rs.Status = new ReplicaSetStatus
        {
            Replicas = s.Replicas, FullyLabeledReplicas = s.FullyLabeled, ReadyReplicas = s.Ready, AvailableReplicas = s.Available,
            ObservedGeneration = s.ObservedGeneration,
            Conditions = s.Failure is { } f
                ? [new ReplicaSetCondition { Type = ReplicaFailureType, Status = "True", Reason = f.Reason, Message = f.Message, LastTransitionTime = f.LastTransitionTime }]
                : null,
        });

    public static readonly ReplicaKind<ReplicationController> ReplicationControllers = new(
        "replicationcontroller", "v1", "ReplicationController", "replication-controller",
        rc => rc.Spec.Replicas ?? 1,
        rc => rc.Spec.MinReadySeconds ?? 0,
        rc => rc.Spec.Selector is { Count: > 0 } s ? LabelSelectorExpr.FromSet(s) : null,
        rc => rc.Spec.Template,
        rc => new ReplicaStatus(rc.Status.Replicas, rc.Status.FullyLabeledReplicas ?? 0, rc.Status.ReadyReplicas ?? 0,
            rc.Status.AvailableReplicas ?? 0, rc.Status.ObservedGeneration,
            rc.Status.Conditions?.FirstOrDefault(c => c.Type == ReplicaFailureType) is { } c ? new ReplicaFailure(c.Reason ?? "", c.Message ?? "", c.LastTransitionTime) : null),
        (rc, s) => rc.Status = new ReplicationControllerStatus
        {
            Replicas = s.Replicas, FullyLabeledReplicas = s.FullyLabeled, ReadyReplicas = s.Ready, AvailableReplicas = s.Available,
            ObservedGeneration = s.ObservedGeneration,
            Conditions = s.Failure is { } f
                ? [new ReplicationControllerCondition { Type = ReplicaFailureType, Status = "True", Reason = f.Reason, Message = f.Message, LastTransitionTime = f.LastTransitionTime }]
                : null,
        });
}
