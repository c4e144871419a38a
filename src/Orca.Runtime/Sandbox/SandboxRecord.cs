namespace Orca.Runtime.Sandbox;

/// <summary>What the runtime persists about a sandbox (sandboxes/&lt;id&gt;/sandbox.json); enough to recover after a restart.</summary>
internal sealed record SandboxRecord
{
    public required string Id { get; init; }
    public required PodSandboxConfig Config { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public SandboxState State { get; init; } = SandboxState.NotReady;
    /// <summary>Bind-mounted network namespace file; null for host networking.</summary>
    public string? NetnsPath { get; init; }
    public string? Ip { get; init; }
    /// <summary>The CNI result of the conflist ADD, replayed as prevResult on DEL.</summary>
    public string? CniResult { get; init; }
    /// <summary>CNI DEL ran (StopPodSandbox); removal does not repeat it.</summary>
    public bool NetworkDeleted { get; init; }
    public string CgroupParent { get; init; } = "";
    public int InfraPid { get; init; }
    public string LogDirectory { get; init; } = "";
    /// <summary>A pre-started sandbox waiting in the pool: no pod owns it yet and listings do not show it.</summary>
    public bool Pooled { get; init; }
}

/// <summary>What the runtime persists about a container (containers/&lt;id&gt;/container.json).</summary>
internal sealed record ContainerRecord
{
    public required string Id { get; init; }
    public required string SandboxId { get; init; }
    public required ContainerConfig Config { get; init; }
    public ContainerState State { get; init; } = ContainerState.Created;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int ExitCode { get; init; }
    public string Reason { get; init; } = "";
    public string Message { get; init; } = "";
    public string ImageRef { get; init; } = "";
    public string LogPath { get; init; } = "";
    public string StopSignal { get; init; } = "";
    public string CgroupsPath { get; init; } = "";
    public int Pid { get; init; }
}
