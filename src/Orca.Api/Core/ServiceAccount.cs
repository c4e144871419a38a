using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 ServiceAccount.</summary>
[Doc("An identity for processes that run in pods.")]
public sealed record ServiceAccount : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("Secrets usable by pods of this account (legacy token secrets).")]
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<ObjectReference>? Secrets { get; set; }
    [Doc("Pull secrets added to pods that use this account.")]
    [ListType("atomic")]
    public List<LocalObjectReference>? ImagePullSecrets { get; set; }
    public bool? AutomountServiceAccountToken { get; set; }
}

/// <summary>core/v1 ServiceAccountList.</summary>
public sealed record ServiceAccountList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<ServiceAccount> Items { get; set; } = new();
}
