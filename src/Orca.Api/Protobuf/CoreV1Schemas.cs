using static Orca.Api.Protobuf.F;

namespace Orca.Api.Protobuf;

/// <summary>
/// Field tables of k8s.io/api/core/v1 for the objects kubectl's typed commands send (numbers from its
/// generated.proto). Pod-template pieces live in <see cref="CoreV1PodSchemas"/>.
/// </summary>
internal static class CoreV1Schemas
{
    public static IEnumerable<ProtoMessage> All =>
    [
        new("Namespace",
            Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "NamespaceSpec"), Msg(3, "status", "NamespaceStatus")),
        new("NamespaceSpec", Strs(1, "finalizers")),
        new("NamespaceStatus", Str(1, "phase"), Msgs(2, "conditions", "NamespaceCondition")),
        new("NamespaceCondition",
            Str(1, "type"), Str(2, "status"), Time(4, "lastTransitionTime"), Str(5, "reason"), Str(6, "message")),
        new("ConfigMap",
            Msg(1, "metadata", "ObjectMeta"), StrMap(2, "data"), BytesMap(3, "binaryData"), OptBool(4, "immutable")),
        new("Secret",
            Msg(1, "metadata", "ObjectMeta"), BytesMap(2, "data"), Str(3, "type"), StrMap(4, "stringData"),
            OptBool(5, "immutable")),
        new("ServiceAccount",
            Msg(1, "metadata", "ObjectMeta"), Msgs(2, "secrets", "ObjectReference"),
            Msgs(3, "imagePullSecrets", "LocalObjectReference"), OptBool(4, "automountServiceAccountToken")),
        new("ObjectReference",
            Str(1, "kind"), Str(2, "namespace"), Str(3, "name"), Str(4, "uid"), Str(5, "apiVersion"),
            Str(6, "resourceVersion"), Str(7, "fieldPath")),
        new("LocalObjectReference", Str(1, "name")),
        new("Service",
            Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "ServiceSpec"), Msg(3, "status", "ServiceStatus")),
        new("ServiceSpec",
            Msgs(1, "ports", "ServicePort"), StrMap(2, "selector"), Str(3, "clusterIP"), Str(4, "type"),
            Strs(5, "externalIPs"), Str(7, "sessionAffinity"), Str(8, "loadBalancerIP"),
            Strs(9, "loadBalancerSourceRanges"), Str(10, "externalName"), Str(11, "externalTrafficPolicy"),
            I32(12, "healthCheckNodePort"), Bool(13, "publishNotReadyAddresses"),
            OptMsg(14, "sessionAffinityConfig", "SessionAffinityConfig"), OptStr(17, "ipFamilyPolicy"),
            Strs(18, "clusterIPs"), Strs(19, "ipFamilies"), OptBool(20, "allocateLoadBalancerNodePorts"),
            OptStr(21, "loadBalancerClass"), OptStr(22, "internalTrafficPolicy"), OptStr(23, "trafficDistribution")),
        new("ServicePort",
            Str(1, "name"), Str(2, "protocol"), I32(3, "port"), IntStr(4, "targetPort"), I32(5, "nodePort"),
            OptStr(6, "appProtocol")),
        new("SessionAffinityConfig", OptMsg(1, "clientIP", "ClientIPConfig")),
        new("ClientIPConfig", OptI32(1, "timeoutSeconds")),
        new("ServiceStatus", Msg(1, "loadBalancer", "LoadBalancerStatus"), Msgs(2, "conditions", "Condition")),
        new("LoadBalancerStatus", Msgs(1, "ingress", "LoadBalancerIngress")),
        new("LoadBalancerIngress", Str(1, "ip"), Str(2, "hostname")),
        new("Pod",
            Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "PodSpec"), Ignored(3, "status")),
        new("PodTemplateSpec", Msg(1, "metadata", "ObjectMeta"), Msg(2, "spec", "PodSpec")),
    ];
}
