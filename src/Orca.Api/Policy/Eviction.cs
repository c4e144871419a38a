using Orca.Api.Meta;

namespace Orca.Api.Policy;

/// <summary>policy/v1 Eviction: the body of pods/eviction, a delete that respects disruption budgets.</summary>
[Doc("A request to evict a pod, honouring its PodDisruptionBudgets.")]
public sealed record Eviction : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    public DeleteOptions? DeleteOptions { get; set; }
}
