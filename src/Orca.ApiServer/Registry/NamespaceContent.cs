using Orca.Api.Core;

namespace Orca.ApiServer.Registry;

/// <summary>
/// What is left in a terminating namespace — objects per resource and the finalizers holding them — and the
/// status conditions Kubernetes' namespace controller reports for it (its condition types, reasons and message formats).
/// </summary>
internal sealed class NamespaceContent
{
    private readonly SortedDictionary<string, int> _byResource = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byFinalizer = new(StringComparer.Ordinal);

    public int Objects { get; private set; }

    public void Add(ResourceDefinition definition, IReadOnlyList<string>? finalizers)
    {
        Objects++;
        var resource = $"{definition.Resource}.{definition.Group}";
        _byResource[resource] = _byResource.GetValueOrDefault(resource) + 1;
        foreach (var f in finalizers ?? []) _byFinalizer[f] = _byFinalizer.GetValueOrDefault(f) + 1;
    }

    public List<NamespaceCondition> Conditions() =>
    [
        new() { Type = "NamespaceDeletionDiscoveryFailure", Status = "False", Reason = "ResourcesDiscovered", Message = "All resources successfully discovered" },
        new() { Type = "NamespaceDeletionGroupVersionParsingFailure", Status = "False", Reason = "ParsedGroupVersions", Message = "All legacy kube types successfully parsed" },
        new() { Type = "NamespaceDeletionContentFailure", Status = "False", Reason = "ContentDeleted", Message = "All content successfully deleted, may be waiting on finalization" },
        _byResource.Count == 0
            ? new() { Type = "NamespaceContentRemaining", Status = "False", Reason = "ContentRemoved", Message = "All content successfully removed" }
            : new() { Type = "NamespaceContentRemaining", Status = "True", Reason = "SomeResourcesRemain",
                Message = "Some resources are remaining: " + string.Join(", ", _byResource.Select(kv => $"{kv.Key} has {kv.Value} resource instances")) },
        _byFinalizer.Count == 0
            ? new() { Type = "NamespaceFinalizersRemaining", Status = "False", Reason = "ContentHasNoFinalizers", Message = "All content-preserving finalizers finished" }
            : new() { Type = "NamespaceFinalizersRemaining", Status = "True", Reason = "SomeFinalizersRemain",
                Message = "Some content in the namespace has finalizers remaining: " + string.Join(", ", _byFinalizer.Select(kv => $"{kv.Key} in {kv.Value} resource instances")) },
    ];
}
