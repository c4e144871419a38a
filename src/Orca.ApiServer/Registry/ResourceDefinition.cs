using Orca.Api;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Everything the API server needs to know to serve one resource: names for URLs and
/// discovery, the CLR types, the per-resource strategy and its subresources.
/// </summary>
internal sealed record ResourceDefinition
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    /// <summary>Plural, lower case: "pods".</summary>
    public required string Resource { get; init; }
    public required string Singular { get; init; }
    public required string Kind { get; init; }
    public required bool Namespaced { get; init; }
    public required Type ObjectType { get; init; }
    public required Type ListType { get; init; }
    public required IResourceStrategy Strategy { get; init; }
    public string[] ShortNames { get; init; } = [];
    public string[] Categories { get; init; } = [];
    /// <summary>The storage prefix resource ("pods" → /registry/pods/); several versions may share one.</summary>
    public string? StorageResource { get; init; }
    public ITableConvertor? Table { get; init; }
    /// <summary>Set when objects are stored as another version's type.</summary>
    public IStorageConverter? Storage { get; init; }
    public IReadOnlyList<SubresourceDefinition> Subresources { get; init; } = [];

    public string ListKind => Kind + "List";
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string StoragePrefix => $"/registry/{StorageResource ?? Resource}/";

    public string Key(string ns, string name) => Namespaced ? $"{StoragePrefix}{ns}/{name}" : $"{StoragePrefix}{name}";
    public string Prefix(string ns) => Namespaced && ns.Length > 0 ? $"{StoragePrefix}{ns}/" : StoragePrefix;

    public static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}

/// <summary>A subresource as discovery shows it (the handler is registered separately).</summary>
internal sealed record SubresourceDefinition(string Name, string Group, string Version, string Kind, string[] Verbs);
