using System.Text.Json.Serialization;
using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Node.</summary>
[Doc("A machine that runs pods.")]
public sealed record Node : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    public NodeSpec Spec { get; set; } = new();
    public NodeStatus Status { get; set; } = new();
}

/// <summary>core/v1 NodeList.</summary>
public sealed record NodeList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Node> Items { get; set; } = new();
}

/// <summary>core/v1 NodeSpec.</summary>
[Doc("How a node is configured: its pod address ranges, provider id, taints and cordon flag.")]
public sealed record NodeSpec
{
    public string? PodCIDR { get; set; }
    [PatchStrategy("merge"), ListType("set")]
    public List<string>? PodCIDRs { get; set; }
    public string? ProviderID { get; set; }
    [Doc("When true, no new pods are scheduled to the node (cordon).")]
    public bool? Unschedulable { get; set; }
    [Doc("Taints repel pods that do not tolerate them.")]
    [ListType("atomic")]
    public List<Taint>? Taints { get; set; }
    public NodeConfigSource? ConfigSource { get; set; }
    /// <summary>Deprecated and unused; kept so old objects round-trip.</summary>
    [JsonPropertyName("externalID")]
    public string? DoNotUseExternalID { get; set; }
}

/// <summary>core/v1 Taint.</summary>
public sealed record Taint
{
    [ApiRequired] public string Key { get; set; } = "";
    public string? Value { get; set; }
    [ApiRequired] public string Effect { get; set; } = "";
    public DateTimeOffset? TimeAdded { get; set; }
}

/// <summary>core/v1 NodeConfigSource (dynamic kubelet config; deprecated).</summary>
public sealed record NodeConfigSource
{
    public ConfigMapNodeConfigSource? ConfigMap { get; set; }
}

/// <summary>core/v1 ConfigMapNodeConfigSource.</summary>
public sealed record ConfigMapNodeConfigSource
{
    [ApiRequired] public string Namespace { get; set; } = "";
    [ApiRequired] public string Name { get; set; } = "";
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    [ApiRequired] public string KubeletConfigKey { get; set; } = "";
}
