using static Orca.Api.Protobuf.F;

namespace Orca.Api.Protobuf;

/// <summary>Field tables of apps/v1 Deployment and policy/v1 Eviction (numbers from their generated.proto).</summary>
internal static class AppsPolicySchemas
{
    public static IEnumerable<ProtoMessage> All =>
    [
        new("Deployment",
            Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "DeploymentSpec"), Ignored(3, "status")),
        new("DeploymentSpec",
            OptI32(1, "replicas"), OptMsg(2, "selector", "LabelSelector"), Msg(3, "template", "PodTemplateSpec"),
            Msg(4, "strategy", "DeploymentStrategy"), I32(5, "minReadySeconds"), OptI32(6, "revisionHistoryLimit"),
            Bool(7, "paused"), OptI32(9, "progressDeadlineSeconds")),
        new("DeploymentStrategy", Str(1, "type"), OptMsg(2, "rollingUpdate", "RollingUpdateDeployment")),
        new("RollingUpdateDeployment", OptIntStr(1, "maxUnavailable"), OptIntStr(2, "maxSurge")),
        new("Eviction", Msg(1, "metadata", "ObjectMeta"), OptMsg(2, "deleteOptions", "DeleteOptions")),
    ];
}
