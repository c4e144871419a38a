using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Secret.</summary>
[Doc("Sensitive data such as passwords, tokens or keys.")]
public sealed record Secret : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("When true, data cannot be changed after creation.")]
    public bool? Immutable { get; set; }
    [Doc("Secret values by key (base64 on the wire).")]
    public Dictionary<string, byte[]>? Data { get; set; }
    [Doc("Write-only convenience: plain-text values merged into data on write.")]
    public Dictionary<string, string>? StringData { get; set; }
    [Doc("How the data is meant to be used, e.g. Opaque or kubernetes.io/tls.")]
    public string? Type { get; set; }
}

/// <summary>core/v1 SecretList.</summary>
public sealed record SecretList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Secret> Items { get; set; } = new();
}
