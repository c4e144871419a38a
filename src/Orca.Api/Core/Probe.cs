namespace Orca.Api.Core;

/// <summary>core/v1 Probe: a ProbeHandler (inlined) plus timing.</summary>
[Doc("A periodic health check run against a container.")]
public sealed record Probe
{
    public ExecAction? Exec { get; set; }
    public HTTPGetAction? HttpGet { get; set; }
    public TCPSocketAction? TcpSocket { get; set; }
    public GRPCAction? Grpc { get; set; }
    public int? InitialDelaySeconds { get; set; }
    public int? TimeoutSeconds { get; set; }
    public int? PeriodSeconds { get; set; }
    public int? SuccessThreshold { get; set; }
    public int? FailureThreshold { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
}

/// <summary>core/v1 Lifecycle: hooks run after start and before stop.</summary>
[Doc("Actions run right after a container starts and right before it is stopped.")]
public sealed record Lifecycle
{
    public LifecycleHandler? PostStart { get; set; }
    public LifecycleHandler? PreStop { get; set; }
}

/// <summary>core/v1 LifecycleHandler: exactly one action.</summary>
public sealed record LifecycleHandler
{
    public ExecAction? Exec { get; set; }
    public HTTPGetAction? HttpGet { get; set; }
    public TCPSocketAction? TcpSocket { get; set; }
    public SleepAction? Sleep { get; set; }
}

/// <summary>core/v1 ExecAction: a command run inside the container.</summary>
public sealed record ExecAction
{
    [ListType("atomic")] public List<string>? Command { get; set; }
}

/// <summary>core/v1 HTTPGetAction.</summary>
public sealed record HTTPGetAction
{
    public string? Path { get; set; }
    [ApiRequired] public IntOrString Port { get; set; }
    public string? Host { get; set; }
    public string? Scheme { get; set; }
    [ListType("atomic")] public List<HTTPHeader>? HttpHeaders { get; set; }
}

/// <summary>core/v1 HTTPHeader.</summary>
public sealed record HTTPHeader
{
    [ApiRequired] public string Name { get; set; } = "";
    [ApiRequired] public string Value { get; set; } = "";
}

/// <summary>core/v1 TCPSocketAction.</summary>
public sealed record TCPSocketAction
{
    [ApiRequired] public IntOrString Port { get; set; }
    public string? Host { get; set; }
}

/// <summary>core/v1 GRPCAction: a gRPC health check.</summary>
public sealed record GRPCAction
{
    [ApiRequired] public int Port { get; set; }
    public string? Service { get; set; }
}

/// <summary>core/v1 SleepAction.</summary>
public sealed record SleepAction
{
    [ApiRequired] public long Seconds { get; set; }
}
