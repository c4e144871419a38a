namespace Orca.Api.Schema;

/// <summary>One field of an object schema with its patch and list metadata. Immutable.</summary>
public sealed record FieldSchema
{
    public required string JsonName { get; init; }

    public required TypeSchema Schema { get; init; }

    /// <summary>The CLR property name the field came from (empty for synthetic map entries).</summary>
    public string PropertyName { get; init; } = "";

    /// <summary>`patchStrategy`: "merge", "replace", "retainKeys", "merge,retainKeys", or null.</summary>
    public string? PatchStrategy { get; init; }

    /// <summary>`patchMergeKey`: the key of a merged list's elements, e.g. "name".</summary>
    public string? PatchMergeKey { get; init; }

    /// <summary>`x-kubernetes-list-type`: "atomic", "set", "map", or null when undeclared.</summary>
    public string? ListType { get; init; }

    /// <summary>`x-kubernetes-list-map-keys` of a list of type "map".</summary>
    public IReadOnlyList<string> ListMapKeys { get; init; } = [];

    public bool Required { get; init; }

    public string? Description { get; init; }

    /// <summary>A metav1.MicroTime timestamp (microsecond precision) rather than metav1.Time.</summary>
    public bool IsMicroTime { get; init; }

    internal bool MergesLists => PatchStrategy is { } s && s.Split(',').Contains("merge");

    internal bool RetainsKeys => PatchStrategy is { } s && s.Split(',').Contains("retainKeys");

    /// <summary>
    /// The keys that identify elements of this list for server-side apply: the declared list-map
    /// keys, else the patch merge key of an object list, else none.
    /// </summary>
    internal IReadOnlyList<string> ApplyKeys =>
        ListMapKeys.Count > 0 ? ListMapKeys
        : PatchMergeKey is { } k && Schema.Items?.Kind == SchemaKind.Object ? [k]
        : [];

    /// <summary>Whether a list of scalars is a set (union on merge) rather than atomic.</summary>
    internal bool IsScalarSet => ListType == "set" || (ListType is null && MergesLists);
}
