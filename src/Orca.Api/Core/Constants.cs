namespace Orca.Api.Core;

/// <summary>Values of PodStatus.phase.</summary>
public static class PodPhase
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";
}

/// <summary>Values of PodSpec.restartPolicy (and of a sidecar container's restartPolicy: Always).</summary>
public static class RestartPolicy
{
    public const string Always = "Always";
    public const string OnFailure = "OnFailure";
    public const string Never = "Never";
}

/// <summary>Values of the status field of every core/v1 condition.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}

/// <summary>Well-known PodCondition types.</summary>
public static class PodConditionType
{
    public const string PodScheduled = "PodScheduled";
    public const string PodReadyToStartContainers = "PodReadyToStartContainers";
    public const string Initialized = "Initialized";
    public const string ContainersReady = "ContainersReady";
    public const string Ready = "Ready";
    public const string DisruptionTarget = "DisruptionTarget";
    public const string PodResizePending = "PodResizePending";
    public const string PodResizeInProgress = "PodResizeInProgress";
}

/// <summary>Well-known NodeCondition types.</summary>
public static class NodeConditionType
{
    public const string Ready = "Ready";
    public const string MemoryPressure = "MemoryPressure";
    public const string DiskPressure = "DiskPressure";
    public const string PidPressure = "PIDPressure";
    public const string NetworkUnavailable = "NetworkUnavailable";
}

/// <summary>Values of NodeAddress.type.</summary>
public static class NodeAddressType
{
    public const string Hostname = "Hostname";
    public const string InternalIp = "InternalIP";
    public const string ExternalIp = "ExternalIP";
    public const string InternalDns = "InternalDNS";
    public const string ExternalDns = "ExternalDNS";
}

/// <summary>Values of PodSpec.dnsPolicy.</summary>
public static class DnsPolicy
{
    public const string ClusterFirst = "ClusterFirst";
    public const string ClusterFirstWithHostNet = "ClusterFirstWithHostNet";
    public const string Default = "Default";
    public const string None = "None";
}

/// <summary>Values of Container.imagePullPolicy.</summary>
public static class PullPolicy
{
    public const string Always = "Always";
    public const string IfNotPresent = "IfNotPresent";
    public const string Never = "Never";
}

/// <summary>Values of Taint.effect and Toleration.effect.</summary>
public static class TaintEffect
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";
}

/// <summary>Values of PodStatus.qosClass.</summary>
public static class PodQosClass
{
    public const string Guaranteed = "Guaranteed";
    public const string Burstable = "Burstable";
    public const string BestEffort = "BestEffort";
}

/// <summary>Values of Protocol on ports.</summary>
public static class Protocol
{
    public const string Tcp = "TCP";
    public const string Udp = "UDP";
    public const string Sctp = "SCTP";
}

/// <summary>Values of ServiceSpec.type.</summary>
public static class ServiceType
{
    public const string ClusterIp = "ClusterIP";
    public const string NodePort = "NodePort";
    public const string LoadBalancer = "LoadBalancer";
    public const string ExternalName = "ExternalName";
}

/// <summary>Values of NamespaceStatus.phase.</summary>
public static class NamespacePhase
{
    public const string Active = "Active";
    public const string Terminating = "Terminating";
}

/// <summary>Values of Event.type (core/v1 and events.k8s.io/v1).</summary>
public static class EventType
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>Well-known Secret.type values.</summary>
public static class SecretType
{
    public const string Opaque = "Opaque";
    public const string ServiceAccountToken = "kubernetes.io/service-account-token";
    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";
    public const string DockerConfig = "kubernetes.io/dockercfg";
    public const string BasicAuth = "kubernetes.io/basic-auth";
    public const string SshAuth = "kubernetes.io/ssh-auth";
    public const string Tls = "kubernetes.io/tls";
    public const string BootstrapToken = "bootstrap.kubernetes.io/token";
}
