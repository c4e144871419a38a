using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 ConfigMap.</summary>
[Doc("Non-secret configuration as key-value pairs.")]
public sealed record ConfigMap : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("When true, data cannot be changed after creation.")]
    public bool? Immutable { get; set; }
    [Doc("UTF-8 values by key.")]
    public Dictionary<string, string>? Data { get; set; }
    [Doc("Binary values by key (base64 on the wire).")]
    public Dictionary<string, byte[]>? BinaryData { get; set; }
}

/// <summary>core/v1 ConfigMapList.</summary>
public sealed record ConfigMapList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<ConfigMap> Items { get; set; } = new();
}
