using Orca.Api.Meta;

namespace Orca.Api.Policy;

/// <summary>policy/v1 PodDisruptionBudget: how many pods of a set voluntary disruptions may take down.</summary>
[Doc("Limits how many pods of a set may be down at once through voluntary disruptions (evictions).")]
public sealed record PodDisruptionBudget : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The pods covered and how many must stay available.")]
    public PodDisruptionBudgetSpec Spec { get; set; } = new();
    [Doc("Most recently observed status of the budget.")]
    public PodDisruptionBudgetStatus Status { get; set; } = new();
}

/// <summary>policy/v1 PodDisruptionBudgetList.</summary>
public sealed record PodDisruptionBudgetList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<PodDisruptionBudget> Items { get; set; } = new();
}

/// <summary>policy/v1 PodDisruptionBudgetSpec.</summary>
public sealed record PodDisruptionBudgetSpec
{
    [Doc("Pods that must remain available after an eviction (number or percentage).")]
    public IntOrString? MinAvailable { get; set; }
    [Doc("The pods the budget covers; an empty selector selects every pod of the namespace.")]
    [PatchStrategy("replace")]
    public LabelSelector? Selector { get; set; }
    [Doc("Pods that may be unavailable after an eviction (number or percentage).")]
    public IntOrString? MaxUnavailable { get; set; }
    [Doc("IfHealthyBudget or AlwaysAllow: when running but unhealthy pods may be evicted.")]
    public string? UnhealthyPodEvictionPolicy { get; set; }
}

/// <summary>policy/v1 PodDisruptionBudgetStatus.</summary>
public sealed record PodDisruptionBudgetStatus
{
    public long? ObservedGeneration { get; set; }
    [Doc("Pods the API server evicted that the controller has not yet seen gone, with the eviction time.")]
    public Dictionary<string, DateTimeOffset>? DisruptedPods { get; set; }
    [Doc("Pod disruptions allowed now.")]
    [ApiRequired] public int DisruptionsAllowed { get; set; }
    [ApiRequired] public int CurrentHealthy { get; set; }
    [ApiRequired] public int DesiredHealthy { get; set; }
    [ApiRequired] public int ExpectedPods { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<Condition>? Conditions { get; set; }
}
