using Orca.Api.Meta;

namespace Orca.Api.Scheduling;

/// <summary>scheduling.k8s.io/v1 PriorityClass: a named pod priority (cluster-scoped).</summary>
[Doc("A name for a pod priority value; pods refer to it by spec.priorityClassName.")]
public sealed record PriorityClass : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The priority of pods of this class; higher is more important. At most 1000000000 for user classes.")]
    [ApiRequired] public int Value { get; set; }
    [Doc("Whether pods without a priorityClassName get this class; at most one class may be the default.")]
    public bool? GlobalDefault { get; set; }
    [Doc("When this class should be used.")]
    public string? Description { get; set; }
    [Doc("PreemptLowerPriority (default) or Never.")]
    public string? PreemptionPolicy { get; set; }
}

/// <summary>scheduling.k8s.io/v1 PriorityClassList.</summary>
public sealed record PriorityClassList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<PriorityClass> Items { get; set; } = new();
}

/// <summary>The built-in priority classes and the limits Kubernetes puts on values.</summary>
public static class PriorityClasses
{
    /// <summary>The highest value a user-defined class may have; higher values are for system- classes.</summary>
    public const int HighestUserDefinablePriority = 1_000_000_000;
    /// <summary>The highest value any class may have.</summary>
    public const int SystemCriticalPriority = 2 * HighestUserDefinablePriority;
    public const string SystemClusterCritical = "system-cluster-critical";
    public const string SystemNodeCritical = "system-node-critical";
    /// <summary>The prefix reserved for system classes.</summary>
    public const string SystemPrefix = "system-";
    public const string PreemptLowerPriority = "PreemptLowerPriority";
    public const string PreemptNever = "Never";
}
