using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Pod: a group of containers scheduled together on one node.</summary>
[Doc("A group of containers that share a node, network namespace and volumes.")]
public sealed record Pod : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Desired state of the pod: its containers, volumes and scheduling constraints.")]
    public PodSpec Spec { get; set; } = new();
    [Doc("Most recently observed state of the pod, written by the node agent.")]
    public PodStatus Status { get; set; } = new();
}

/// <summary>core/v1 PodList.</summary>
public sealed record PodList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Pod> Items { get; set; } = new();
}
