using System.Text.Json.Serialization;

namespace Orca.Api.Meta;

/// <summary>metav1.ObjectMeta: the metadata every persisted object carries.</summary>
public sealed record ObjectMeta
{
    public string? Name { get; set; }
    public string? GenerateName { get; set; }
    public string? Namespace { get; set; }
    public string? SelfLink { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public long? Generation { get; set; }
    public DateTimeOffset? CreationTimestamp { get; set; }
    public DateTimeOffset? DeletionTimestamp { get; set; }
    public long? DeletionGracePeriodSeconds { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    [PatchMergeKey("uid"), PatchStrategy("merge")]
    public List<OwnerReference>? OwnerReferences { get; set; }
    [PatchStrategy("merge")]
    public List<string>? Finalizers { get; set; }
    public List<ManagedFieldsEntry>? ManagedFields { get; set; }
}

/// <summary>metav1.OwnerReference: the object that owns this one (garbage collection).</summary>
public sealed record OwnerReference
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string Uid { get; set; } = "";
    public bool? Controller { get; set; }
    public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>metav1.ManagedFieldsEntry: which manager owns which fields (server-side apply).</summary>
public sealed record ManagedFieldsEntry
{
    public string? Manager { get; set; }
    public string? Operation { get; set; }
    public string? ApiVersion { get; set; }
    public DateTimeOffset? Time { get; set; }
    public string? FieldsType { get; set; }
    public System.Text.Json.Nodes.JsonObject? FieldsV1 { get; set; }
    public string? Subresource { get; set; }
}

/// <summary>metav1.ListMeta.</summary>
public sealed record ListMeta
{
    public string? SelfLink { get; set; }
    public string? ResourceVersion { get; set; }
    [JsonPropertyName("continue")]
    public string? Continue { get; set; }
    public long? RemainingItemCount { get; set; }
}

/// <summary>metav1.LabelSelector.</summary>
public sealed record LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; set; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

public sealed record LabelSelectorRequirement
{
    public string Key { get; set; } = "";
    public string Operator { get; set; } = "";
    public List<string>? Values { get; set; }
}

/// <summary>metav1.Condition: the standard condition shape of newer APIs.</summary>
public sealed record Condition
{
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public long? ObservedGeneration { get; set; }
    public DateTimeOffset? LastTransitionTime { get; set; }
    public string Reason { get; set; } = "";
    public string Message { get; set; } = "";
}
