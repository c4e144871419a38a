using Orca.Api.Meta;

namespace Orca.Api.Core;

/// <summary>core/v1 Binding: the body of pods/binding, which assigns a pod to a node.</summary>
[Doc("Binds a pod to a node; posted by the scheduler.")]
public sealed record Binding : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("The node to bind to.")]
    [ApiRequired] public ObjectReference Target { get; set; } = new();
}

/// <summary>core/v1 PodLogOptions: query parameters of pods/log.</summary>
public sealed record PodLogOptions
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Container { get; set; }
    public bool? Follow { get; set; }
    public bool? Previous { get; set; }
    public long? SinceSeconds { get; set; }
    public DateTimeOffset? SinceTime { get; set; }
    public bool? Timestamps { get; set; }
    public long? TailLines { get; set; }
    public long? LimitBytes { get; set; }
    public bool? InsecureSkipTLSVerifyBackend { get; set; }
    /// <summary>"All", "Stdout" or "Stderr" (alpha in 1.32).</summary>
    public string? Stream { get; set; }
}

/// <summary>core/v1 PodExecOptions: query parameters of pods/exec.</summary>
public sealed record PodExecOptions
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public bool? Stdin { get; set; }
    public bool? Stdout { get; set; }
    public bool? Stderr { get; set; }
    public bool? TTY { get; set; }
    public string? Container { get; set; }
    [ApiRequired, ListType("atomic")]
    public List<string> Command { get; set; } = new();
}

/// <summary>core/v1 PodAttachOptions: query parameters of pods/attach.</summary>
public sealed record PodAttachOptions
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public bool? Stdin { get; set; }
    public bool? Stdout { get; set; }
    public bool? Stderr { get; set; }
    public bool? TTY { get; set; }
    public string? Container { get; set; }
}

/// <summary>core/v1 PodPortForwardOptions: query parameters of pods/portforward.</summary>
public sealed record PodPortForwardOptions
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    [ListType("atomic")]
    public List<int>? Ports { get; set; }
}
