using static Orca.Api.Protobuf.F;

namespace Orca.Api.Protobuf;

/// <summary>
/// Field tables of batch/v1 Job and CronJob, policy/v1 PodDisruptionBudget and scheduling.k8s.io/v1
/// PriorityClass: what `kubectl create job|cronjob|pdb|priorityclass` send as protobuf (numbers
/// from their generated.proto). Status is known but dropped, as on any create.
/// </summary>
internal static class BatchSchedulingSchemas
{
    public static IEnumerable<ProtoMessage> All =>
    [
        new("Job", Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "JobSpec"), Ignored(3, "status")),
        new("JobSpec",
            OptI32(1, "parallelism"), OptI32(2, "completions"), OptI64(3, "activeDeadlineSeconds"),
            OptMsg(4, "selector", "LabelSelector"), OptBool(5, "manualSelector"), Msg(6, "template", "PodTemplateSpec"),
            OptI32(7, "backoffLimit"), OptI32(8, "ttlSecondsAfterFinished"), OptStr(9, "completionMode"), OptBool(10, "suspend"),
            OptMsg(11, "podFailurePolicy", "PodFailurePolicy"), OptI32(12, "backoffLimitPerIndex"), OptI32(13, "maxFailedIndexes"),
            OptStr(14, "podReplacementPolicy"), OptStr(15, "managedBy"), OptMsg(16, "successPolicy", "SuccessPolicy")),
        new("PodFailurePolicy", Msgs(1, "rules", "PodFailurePolicyRule")),
        new("PodFailurePolicyRule",
            Str(1, "action"), OptMsg(2, "onExitCodes", "PodFailurePolicyOnExitCodesRequirement"),
            Msgs(3, "onPodConditions", "PodFailurePolicyOnPodConditionsPattern")),
        new("PodFailurePolicyOnExitCodesRequirement",
            OptStr(1, "containerName"), Str(2, "operator"), new ProtoField(3, "values", ProtoKind.Int32, ProtoShape.Repeated)),
        new("PodFailurePolicyOnPodConditionsPattern", Str(1, "type"), Str(2, "status")),
        new("SuccessPolicy", Msgs(1, "rules", "SuccessPolicyRule")),
        new("SuccessPolicyRule", OptStr(1, "succeededIndexes"), OptI32(2, "succeededCount")),
        new("JobTemplateSpec", Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "JobSpec")),
        new("CronJob", Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "CronJobSpec"), Ignored(3, "status")),
        new("CronJobSpec",
            Str(1, "schedule"), OptI64(2, "startingDeadlineSeconds"), Str(3, "concurrencyPolicy"), OptBool(4, "suspend"),
            Msg(5, "jobTemplate", "JobTemplateSpec"), OptI32(6, "successfulJobsHistoryLimit"), OptI32(7, "failedJobsHistoryLimit"),
            OptStr(8, "timeZone")),
        new("PodDisruptionBudget", Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "PodDisruptionBudgetSpec"), Ignored(3, "status")),
        new("PodDisruptionBudgetSpec",
            OptIntStr(1, "minAvailable"), OptMsg(2, "selector", "LabelSelector"), OptIntStr(3, "maxUnavailable"),
            OptStr(4, "unhealthyPodEvictionPolicy")),
        new("PriorityClass",
            Msg(1, "metadata", "ObjectMeta"), I32(2, "value"), Bool(3, "globalDefault"), Str(4, "description"),
            OptStr(5, "preemptionPolicy")),
    ];
}
