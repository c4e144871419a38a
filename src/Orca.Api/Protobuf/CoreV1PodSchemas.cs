using static Orca.Api.Protobuf.F;

namespace Orca.Api.Protobuf;

/// <summary>
/// Field tables of core/v1 PodSpec and the messages under it that kubectl's generators fill
/// (create deployment/job/pod). Probes, lifecycle hooks, affinity and most volume sources are not
/// tabled: their fields are skipped and reported as unknown.
/// </summary>
internal static class CoreV1PodSchemas
{
    public static IEnumerable<ProtoMessage> All =>
    [
        new("PodSpec",
            Msgs(1, "volumes", "Volume"), Msgs(2, "containers", "Container"), Str(3, "restartPolicy"),
            OptI64(4, "terminationGracePeriodSeconds"), OptI64(5, "activeDeadlineSeconds"), Str(6, "dnsPolicy"),
            StrMap(7, "nodeSelector"), Str(8, "serviceAccountName"), Str(9, "serviceAccount"), Str(10, "nodeName"),
            Bool(11, "hostNetwork"), Bool(12, "hostPID"), Bool(13, "hostIPC"),
            OptMsg(14, "securityContext", "PodSecurityContext"), Msgs(15, "imagePullSecrets", "LocalObjectReference"),
            Str(16, "hostname"), Str(17, "subdomain"), Str(19, "schedulerName"),
            Msgs(20, "initContainers", "Container"), OptBool(21, "automountServiceAccountToken"),
            Msgs(22, "tolerations", "Toleration"), Str(24, "priorityClassName"), OptI32(25, "priority"),
            OptBool(27, "shareProcessNamespace"), OptStr(29, "runtimeClassName"), OptBool(30, "enableServiceLinks"),
            OptStr(31, "preemptionPolicy"), OptBool(35, "setHostnameAsFQDN"), OptBool(37, "hostUsers")),
        new("Container",
            Str(1, "name"), Str(2, "image"), Strs(3, "command"), Strs(4, "args"), Str(5, "workingDir"),
            Msgs(6, "ports", "ContainerPort"), Msgs(7, "env", "EnvVar"), Msg(8, "resources", "ResourceRequirements"),
            Msgs(9, "volumeMounts", "VolumeMount"), Str(13, "terminationMessagePath"), Str(14, "imagePullPolicy"),
            OptMsg(15, "securityContext", "SecurityContext"), Bool(16, "stdin"), Bool(17, "stdinOnce"),
            Bool(18, "tty"), Str(20, "terminationMessagePolicy"), OptStr(24, "restartPolicy")),
        new("ContainerPort",
            Str(1, "name"), I32(2, "hostPort"), I32(3, "containerPort"), Str(4, "protocol"), Str(5, "hostIP")),
        new("EnvVar", Str(1, "name"), Str(2, "value")),
        new("ResourceRequirements", QuantityMap(1, "limits"), QuantityMap(2, "requests")),
        new("VolumeMount",
            Str(1, "name"), Bool(2, "readOnly"), Str(3, "mountPath"), Str(4, "subPath"),
            OptStr(5, "mountPropagation"), Str(6, "subPathExpr"), OptStr(7, "recursiveReadOnly")),
        new("PodSecurityContext",
            OptI64(2, "runAsUser"), OptBool(3, "runAsNonRoot"), I64s(4, "supplementalGroups"), OptI64(5, "fsGroup"),
            OptI64(6, "runAsGroup")),
        new("SecurityContext",
            OptBool(2, "privileged"), OptI64(4, "runAsUser"), OptBool(5, "runAsNonRoot"),
            OptBool(6, "readOnlyRootFilesystem"), OptBool(7, "allowPrivilegeEscalation"), OptI64(8, "runAsGroup")),
        new("Toleration",
            Str(1, "key"), Str(2, "operator"), Str(3, "value"), Str(4, "effect"), OptI64(5, "tolerationSeconds")),
        new("Volume", Str(1, "name"), Inline(2, "VolumeSource")),
        new("VolumeSource",
            OptMsg(1, "hostPath", "HostPathVolumeSource"), OptMsg(2, "emptyDir", "EmptyDirVolumeSource"),
            OptMsg(6, "secret", "SecretVolumeSource"), OptMsg(19, "configMap", "ConfigMapVolumeSource")),
        new("HostPathVolumeSource", Str(1, "path"), OptStr(2, "type")),
        new("EmptyDirVolumeSource", Str(1, "medium"), OptQuantity(2, "sizeLimit")),
        new("SecretVolumeSource",
            Str(1, "secretName"), Msgs(2, "items", "KeyToPath"), OptI32(3, "defaultMode"), OptBool(4, "optional")),
        new("ConfigMapVolumeSource",
            Inline(1, "LocalObjectReference"), Msgs(2, "items", "KeyToPath"), OptI32(3, "defaultMode"),
            OptBool(4, "optional")),
        new("KeyToPath", Str(1, "key"), Str(2, "path"), OptI32(3, "mode")),
    ];
}
