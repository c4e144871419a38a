using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Namespace.</summary>
[Doc("A scope for names; most objects live in exactly one namespace.")]
public sealed record Namespace : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    public NamespaceSpec Spec { get; set; } = new();
    public NamespaceStatus Status { get; set; } = new();
}

/// <summary>core/v1 NamespaceList.</summary>
public sealed record NamespaceList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Namespace> Items { get; set; } = new();
}

/// <summary>core/v1 NamespaceSpec.</summary>
public sealed record NamespaceSpec
{
    [Doc("Must be empty before the namespace is removed; \"kubernetes\" is added by default.")]
    [ListType("atomic")]
    public List<string>? Finalizers { get; set; }
}

/// <summary>core/v1 NamespaceStatus.</summary>
public sealed record NamespaceStatus
{
    [Doc("Active or Terminating.")]
    public string? Phase { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<NamespaceCondition>? Conditions { get; set; }
}

/// <summary>core/v1 NamespaceCondition.</summary>
public sealed record NamespaceCondition
{
    [ApiRequired] public string Type { get; set; } = "";
    [ApiRequired] public string Status { get; set; } = "";
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string? Reason { get; set; }
    public string? Message { get; set; }
}
