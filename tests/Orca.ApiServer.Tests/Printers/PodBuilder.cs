using Orca.Api.Core;
using Orca.Api.Meta;

namespace Orca.ApiServer.Tests.Printers;

/// <summary>Fluent pods for printer tests; times are relative to <see cref="Now"/>.</summary>
internal sealed class PodBuilder
{
    public static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Pod _pod;

    private PodBuilder(string name, string? phase)
    {
        _pod = new Pod
        {
            Metadata = new ObjectMeta { Name = name, CreationTimestamp = Now.AddHours(-1) },
            Status = new PodStatus { Phase = phase },
        };
    }

    public static PodBuilder Named(string name, string? phase = "Pending") => new(name, phase);

    public PodBuilder Containers(params string[] names)
    {
        _pod.Spec.Containers.AddRange(names.Select(n => new Container { Name = n }));
        return this;
    }

    public PodBuilder Init(params string[] names)
    {
        (_pod.Spec.InitContainers ??= []).AddRange(names.Select(n => new Container { Name = n }));
        return this;
    }

    public PodBuilder Sidecar(string name)
    {
        (_pod.Spec.InitContainers ??= []).Add(new Container { Name = name, RestartPolicy = "Always" });
        return this;
    }

    public PodBuilder Status(ContainerStatus status)
    {
        (_pod.Status.ContainerStatuses ??= []).Add(status);
        return this;
    }

    public PodBuilder InitStatus(ContainerStatus status)
    {
        (_pod.Status.InitContainerStatuses ??= []).Add(status);
        return this;
    }

    public PodBuilder Condition(string type, string status, string? reason = null)
    {
        (_pod.Status.Conditions ??= []).Add(new PodCondition { Type = type, Status = status, Reason = reason });
        return this;
    }

    public PodBuilder Reason(string reason)
    {
        _pod.Status.Reason = reason;
        return this;
    }

    public PodBuilder Deleting()
    {
        _pod.Metadata.DeletionTimestamp = Now;
        return this;
    }

    public PodBuilder With(Action<Pod> change)
    {
        change(_pod);
        return this;
    }

    public Pod Build() => _pod;

    public static ContainerStatus Running(string name, bool ready = true, int restarts = 0, TimeSpan? lastFinishedAgo = null) =>
        WithLast(new ContainerStatus
        {
            Name = name, Ready = ready, Started = true, RestartCount = restarts,
            State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Now.AddMinutes(-1) } },
        }, lastFinishedAgo);

    public static ContainerStatus Waiting(string name, string? reason, int restarts = 0, TimeSpan? lastFinishedAgo = null) =>
        WithLast(new ContainerStatus
        {
            Name = name, RestartCount = restarts, Started = false,
            State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason } },
        }, lastFinishedAgo);

    public static ContainerStatus Terminated(string name, int exitCode, string? reason = null, int? signal = null) =>
        new()
        {
            Name = name, Started = false,
            State = new ContainerState
            {
                Terminated = new ContainerStateTerminated { ExitCode = exitCode, Reason = reason, Signal = signal, FinishedAt = Now.AddMinutes(-2) },
            },
        };

    private static ContainerStatus WithLast(ContainerStatus status, TimeSpan? finishedAgo)
    {
        if (finishedAgo is { } ago)
        {
            status.LastState = new ContainerState
            {
                Terminated = new ContainerStateTerminated { ExitCode = 1, Reason = "Error", FinishedAt = Now - ago },
            };
        }
        return status;
    }
}
