namespace Orca.Api;

/// <summary>
/// The strategic-merge-patch strategy of a field, as Kubernetes declares it with the
/// `patchStrategy` struct tag: "merge", "replace", "retainKeys" or "merge,retainKeys".
/// Drives SMP, the OpenAPI `x-kubernetes-patch-strategy` extension and apply.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchStrategyAttribute(string strategy) : Attribute
{
    public string Strategy { get; } = strategy;
}

/// <summary>The key that identifies an element of a merged list (`patchMergeKey`), e.g. "name".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchMergeKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

/// <summary>`x-kubernetes-list-type` ("atomic", "set", "map") and, for maps, the key fields.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(string type, params string[] mapKeys) : Attribute
{
    public string Type { get; } = type;
    public IReadOnlyList<string> MapKeys { get; } = mapKeys;
}

/// <summary>A field that must be present (OpenAPI `required`).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ApiRequiredAttribute : Attribute;

/// <summary>A short description of a type or field, shown by `kubectl explain` (Orca's own words).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class DocAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
