using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 PodSpec.</summary>
[Doc("The desired state of a pod.")]
public sealed record PodSpec
{
    [Doc("Volumes that containers of the pod can mount.")]
    [PatchMergeKey("name"), PatchStrategy("merge,retainKeys"), ListType("map", "name")]
    public List<Volume>? Volumes { get; set; }

    [Doc("Containers run to completion, in order, before the app containers start.")]
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<Container>? InitContainers { get; set; }

    [Doc("The application containers of the pod; at least one.")]
    [ApiRequired, PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<Container> Containers { get; set; } = new();

    [Doc("Debugging containers added to a running pod.")]
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<EphemeralContainer>? EphemeralContainers { get; set; }

    [Doc("Always, OnFailure or Never.")]
    public string? RestartPolicy { get; set; }
    [Doc("Seconds between the termination signal and the kill on delete.")]
    public long? TerminationGracePeriodSeconds { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
    public string? DNSPolicy { get; set; }
    [Doc("Labels a node must have for the pod to be scheduled there.")]
    public Dictionary<string, string>? NodeSelector { get; set; }
    [Doc("The service account the pod runs as.")]
    public string? ServiceAccountName { get; set; }
    /// <summary>Deprecated alias of <see cref="ServiceAccountName"/>.</summary>
    public string? ServiceAccount { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
    [Doc("The node the pod is bound to; set by the scheduler.")]
    public string? NodeName { get; set; }
    public bool? HostNetwork { get; set; }
    public bool? HostPID { get; set; }
    public bool? HostIPC { get; set; }
    public bool? ShareProcessNamespace { get; set; }
    [Doc("Pod-wide security attributes.")]
    public PodSecurityContext? SecurityContext { get; set; }

    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }

    public string? Hostname { get; set; }
    public string? Subdomain { get; set; }
    [Doc("Node and inter-pod affinity rules for scheduling.")]
    public Affinity? Affinity { get; set; }
    public string? SchedulerName { get; set; }
    [Doc("Taints this pod tolerates.")]
    [ListType("atomic")]
    public List<Toleration>? Tolerations { get; set; }

    [PatchMergeKey("ip"), PatchStrategy("merge"), ListType("map", "ip")]
    public List<HostAlias>? HostAliases { get; set; }

    public string? PriorityClassName { get; set; }
    public int? Priority { get; set; }
    public PodDNSConfig? DNSConfig { get; set; }
    [ListType("atomic")]
    public List<PodReadinessGate>? ReadinessGates { get; set; }
    public string? RuntimeClassName { get; set; }
    public bool? EnableServiceLinks { get; set; }
    public string? PreemptionPolicy { get; set; }
    public Dictionary<string, Quantity>? Overhead { get; set; }

    [PatchMergeKey("topologyKey"), PatchStrategy("merge"), ListType("map", "topologyKey", "whenUnsatisfiable")]
    public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }

    public bool? SetHostnameAsFQDN { get; set; }
    public PodOS? OS { get; set; }
    public bool? HostUsers { get; set; }

    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<PodSchedulingGate>? SchedulingGates { get; set; }

    [PatchMergeKey("name"), PatchStrategy("merge,retainKeys"), ListType("map", "name")]
    public List<PodResourceClaim>? ResourceClaims { get; set; }

    [Doc("Resources for the whole pod (pod-level requests and limits).")]
    public ResourceRequirements? Resources { get; set; }
}

/// <summary>core/v1 PodOS.</summary>
public sealed record PodOS
{
    [ApiRequired] public string Name { get; set; } = "";
}

/// <summary>core/v1 PodSchedulingGate: while present, the pod is not scheduled.</summary>
public sealed record PodSchedulingGate
{
    [ApiRequired] public string Name { get; set; } = "";
}

/// <summary>core/v1 PodResourceClaim: a DRA claim the pod's containers may use.</summary>
public sealed record PodResourceClaim
{
    [ApiRequired] public string Name { get; set; } = "";
    public string? ResourceClaimName { get; set; }
    public string? ResourceClaimTemplateName { get; set; }
}

/// <summary>core/v1 PodReadinessGate: an extra condition that must be True for readiness.</summary>
public sealed record PodReadinessGate
{
    [ApiRequired] public string ConditionType { get; set; } = "";
}

/// <summary>core/v1 HostAlias: an /etc/hosts entry.</summary>
public sealed record HostAlias
{
    [ApiRequired] public string IP { get; set; } = "";
    [ListType("atomic")]
    public List<string>? Hostnames { get; set; }
}

/// <summary>core/v1 PodDNSConfig.</summary>
public sealed record PodDNSConfig
{
    [ListType("atomic")] public List<string>? Nameservers { get; set; }
    [ListType("atomic")] public List<string>? Searches { get; set; }
    [ListType("atomic")] public List<PodDNSConfigOption>? Options { get; set; }
}

/// <summary>core/v1 PodDNSConfigOption: a resolver option.</summary>
public sealed record PodDNSConfigOption
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

/// <summary>core/v1 Toleration.</summary>
[Doc("Allows scheduling onto (or staying on) nodes with a matching taint.")]
public sealed record Toleration
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
    public long? TolerationSeconds { get; set; }
}

/// <summary>core/v1 TopologySpreadConstraint.</summary>
[Doc("How evenly matching pods must be spread over a topology domain.")]
public sealed record TopologySpreadConstraint
{
    [ApiRequired] public int MaxSkew { get; set; }
    [ApiRequired] public string TopologyKey { get; set; } = "";
    [ApiRequired] public string WhenUnsatisfiable { get; set; } = "";
    public LabelSelector? LabelSelector { get; set; }
    public int? MinDomains { get; set; }
    public string? NodeAffinityPolicy { get; set; }
    public string? NodeTaintsPolicy { get; set; }
    [ListType("atomic")]
    public List<string>? MatchLabelKeys { get; set; }
}
