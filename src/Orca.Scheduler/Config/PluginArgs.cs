using Orca.Api.Core;

namespace Orca.Scheduler.Config;

/// <summary>A resource and its weight in a scoring strategy.</summary>
internal sealed record ResourceSpec
{
    public string Name { get; set; } = "";
    public long Weight { get; set; } = 1;
}

/// <summary>A point of the RequestedToCapacityRatio function: utilization 0–100 → score 0–10.</summary>
internal sealed record UtilizationShapePoint
{
    public int Utilization { get; set; }
    public int Score { get; set; }
}

internal sealed record RequestedToCapacityRatioParam
{
    public List<UtilizationShapePoint> Shape { get; set; } = [];
}

/// <summary>How NodeResourcesFit scores nodes. Default LeastAllocated over cpu and memory, weight 1 each.</summary>
internal sealed record ScoringStrategy
{
    /// <summary>LeastAllocated, MostAllocated or RequestedToCapacityRatio.</summary>
    public string Type { get; set; } = "LeastAllocated";
    public List<ResourceSpec>? Resources { get; set; }
    public RequestedToCapacityRatioParam? RequestedToCapacityRatio { get; set; }
}

/// <summary>kubescheduler.config.k8s.io/v1 NodeResourcesFitArgs.</summary>
internal sealed record NodeResourcesFitArgs
{
    /// <summary>Extended resources the filter ignores (e.g. managed by an extender).</summary>
    public List<string>? IgnoredResources { get; set; }

    /// <summary>Extended resource groups (the part before "/") the filter ignores.</summary>
    public List<string>? IgnoredResourceGroups { get; set; }

    public ScoringStrategy? ScoringStrategy { get; set; }
}

/// <summary>kubescheduler.config.k8s.io/v1 NodeResourcesBalancedAllocationArgs. Default cpu and memory.</summary>
internal sealed record NodeResourcesBalancedAllocationArgs
{
    public List<ResourceSpec>? Resources { get; set; }
}

/// <summary>kubescheduler.config.k8s.io/v1 InterPodAffinityArgs.</summary>
internal sealed record InterPodAffinityArgs
{
    /// <summary>Score weight of an existing pod's required affinity term matched by the incoming pod (0–100). Default 1.</summary>
    public int? HardPodAffinityWeight { get; set; }

    /// <summary>Ignore existing pods' preferred terms when the incoming pod has none. Default false.</summary>
    public bool? IgnorePreferredTermsOfExistingPods { get; set; }
}

/// <summary>kubescheduler.config.k8s.io/v1 PodTopologySpreadArgs.</summary>
internal sealed record PodTopologySpreadArgs
{
    /// <summary>Constraints for pods that have none (only with defaultingType List); no label selectors allowed.</summary>
    public List<TopologySpreadConstraint>? DefaultConstraints { get; set; }

    /// <summary>System (built-in hostname/zone spreading, the default) or List (<see cref="DefaultConstraints"/>).</summary>
    public string? DefaultingType { get; set; }
}

/// <summary>kubescheduler.config.k8s.io/v1 NodeAffinityArgs.</summary>
internal sealed record NodeAffinityArgs
{
    /// <summary>Node affinity every pod of the profile must also satisfy.</summary>
    public NodeAffinity? AddedAffinity { get; set; }
}

/// <summary>kubescheduler.config.k8s.io/v1 DefaultPreemptionArgs.</summary>
internal sealed record DefaultPreemptionArgs
{
    /// <summary>Candidates to dry-run as a share of all nodes (0–100). Default 10.</summary>
    public int? MinCandidateNodesPercentage { get; set; }

    /// <summary>At least this many candidates are dry-run. Default 100.</summary>
    public int? MinCandidateNodesAbsolute { get; set; }
}
