using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Service.</summary>
[Doc("A stable virtual address and name for a set of pods chosen by label.")]
public sealed record Service : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    public ServiceSpec Spec { get; set; } = new();
    public ServiceStatus Status { get; set; } = new();
}

/// <summary>core/v1 ServiceList.</summary>
public sealed record ServiceList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Service> Items { get; set; } = new();
}

/// <summary>core/v1 ServiceSpec.</summary>
[Doc("The desired shape of a service: ports, selector, type and address settings.")]
public sealed record ServiceSpec
{
    [Doc("The ports the service exposes.")]
    [PatchMergeKey("port"), PatchStrategy("merge"), ListType("map", "port", "protocol")]
    public List<ServicePort>? Ports { get; set; }
    [Doc("Pods with these labels receive the traffic.")]
    public Dictionary<string, string>? Selector { get; set; }
    [Doc("The virtual IP; \"None\" makes a headless service.")]
    public string? ClusterIP { get; set; }
    [ListType("atomic")] public List<string>? ClusterIPs { get; set; }
    [Doc("ClusterIP, NodePort, LoadBalancer or ExternalName.")]
    public string? Type { get; set; }
    [ListType("atomic")] public List<string>? ExternalIPs { get; set; }
    public string? SessionAffinity { get; set; }
    public string? LoadBalancerIP { get; set; }
    [ListType("atomic")] public List<string>? LoadBalancerSourceRanges { get; set; }
    public string? ExternalName { get; set; }
    public string? ExternalTrafficPolicy { get; set; }
    public int? HealthCheckNodePort { get; set; }
    public bool? PublishNotReadyAddresses { get; set; }
    public SessionAffinityConfig? SessionAffinityConfig { get; set; }
    [ListType("atomic")] public List<string>? IPFamilies { get; set; }
    public string? IPFamilyPolicy { get; set; }
    public bool? AllocateLoadBalancerNodePorts { get; set; }
    public string? LoadBalancerClass { get; set; }
    public string? InternalTrafficPolicy { get; set; }
    public string? TrafficDistribution { get; set; }
}

/// <summary>core/v1 ServicePort.</summary>
public sealed record ServicePort
{
    public string? Name { get; set; }
    public string? Protocol { get; set; }
    public string? AppProtocol { get; set; }
    [ApiRequired] public int Port { get; set; }
    [Doc("Port (number or name) on the pods that traffic is sent to.")]
    public IntOrString? TargetPort { get; set; }
    public int? NodePort { get; set; }
}

/// <summary>core/v1 SessionAffinityConfig.</summary>
public sealed record SessionAffinityConfig
{
    public ClientIPConfig? ClientIP { get; set; }
}

/// <summary>core/v1 ClientIPConfig.</summary>
public sealed record ClientIPConfig
{
    public int? TimeoutSeconds { get; set; }
}

/// <summary>core/v1 ServiceStatus.</summary>
public sealed record ServiceStatus
{
    public LoadBalancerStatus? LoadBalancer { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<Condition>? Conditions { get; set; }
}

/// <summary>core/v1 LoadBalancerStatus.</summary>
public sealed record LoadBalancerStatus
{
    [ListType("atomic")] public List<LoadBalancerIngress>? Ingress { get; set; }
}

/// <summary>core/v1 LoadBalancerIngress.</summary>
public sealed record LoadBalancerIngress
{
    public string? IP { get; set; }
    public string? Hostname { get; set; }
    public string? IPMode { get; set; }
    [ListType("atomic")] public List<PortStatus>? Ports { get; set; }
}

/// <summary>core/v1 PortStatus.</summary>
public sealed record PortStatus
{
    [ApiRequired] public int Port { get; set; }
    [ApiRequired] public string Protocol { get; set; } = "";
    public string? Error { get; set; }
}
