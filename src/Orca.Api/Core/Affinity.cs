using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Affinity.</summary>
[Doc("Scheduling affinity rules: to nodes, to other pods, and away from other pods.")]
public sealed record Affinity
{
    public NodeAffinity? NodeAffinity { get; set; }
    public PodAffinity? PodAffinity { get; set; }
    public PodAntiAffinity? PodAntiAffinity { get; set; }
}

/// <summary>core/v1 NodeAffinity.</summary>
public sealed record NodeAffinity
{
    [Doc("Node rules that must hold for the pod to be scheduled.")]
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    [Doc("Weighted node preferences.")]
    [ListType("atomic")]
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>core/v1 NodeSelector: the terms are ORed.</summary>
public sealed record NodeSelector
{
    [ApiRequired, ListType("atomic")]
    public List<NodeSelectorTerm> NodeSelectorTerms { get; set; } = new();
}

/// <summary>core/v1 NodeSelectorTerm: the requirements are ANDed.</summary>
public sealed record NodeSelectorTerm
{
    [ListType("atomic")] public List<NodeSelectorRequirement>? MatchExpressions { get; set; }
    [ListType("atomic")] public List<NodeSelectorRequirement>? MatchFields { get; set; }
}

/// <summary>core/v1 NodeSelectorRequirement (operators In, NotIn, Exists, DoesNotExist, Gt, Lt).</summary>
public sealed record NodeSelectorRequirement
{
    [ApiRequired] public string Key { get; set; } = "";
    [ApiRequired] public string Operator { get; set; } = "";
    [ListType("atomic")] public List<string>? Values { get; set; }
}

/// <summary>core/v1 PreferredSchedulingTerm.</summary>
public sealed record PreferredSchedulingTerm
{
    [ApiRequired] public int Weight { get; set; }
    [ApiRequired] public NodeSelectorTerm Preference { get; set; } = new();
}

/// <summary>core/v1 PodAffinity.</summary>
public sealed record PodAffinity
{
    [ListType("atomic")]
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    [ListType("atomic")]
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>core/v1 PodAntiAffinity.</summary>
public sealed record PodAntiAffinity
{
    [ListType("atomic")]
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    [ListType("atomic")]
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>core/v1 PodAffinityTerm.</summary>
[Doc("A set of pods (by label selector and namespaces) and the topology key they are co-located by.")]
public sealed record PodAffinityTerm
{
    public LabelSelector? LabelSelector { get; set; }
    [ListType("atomic")] public List<string>? Namespaces { get; set; }
    [ApiRequired] public string TopologyKey { get; set; } = "";
    public LabelSelector? NamespaceSelector { get; set; }
    [ListType("atomic")] public List<string>? MatchLabelKeys { get; set; }
    [ListType("atomic")] public List<string>? MismatchLabelKeys { get; set; }
}

/// <summary>core/v1 WeightedPodAffinityTerm.</summary>
public sealed record WeightedPodAffinityTerm
{
    [ApiRequired] public int Weight { get; set; }
    [ApiRequired] public PodAffinityTerm PodAffinityTerm { get; set; } = new();
}
