using Orca.Agent.Pods;
using Orca.Api.Core;
using RuntimeContainer = Orca.Runtime.ContainerStatus;

namespace Orca.Agent.Status;

/// <summary>
/// One container's API status from the runtime's view of it and the sync's waiting reasons: state,
/// lastState (the previous run), restartCount (the newest attempt), ready/started from the probes.
/// </summary>
internal sealed class ContainerStatusBuilder(Func<RuntimeContainer, string?> terminationMessage, Func<string, bool> ready, Func<string, bool> started)
{
    public const string IdPrefix = "orca://";

    public ContainerStatus Build(Container spec, PodRecord rec, PodRuntimeView view, bool isSidecarOrApp)
    {
        var latest = view.Latest(spec.Name);
        var status = new ContainerStatus
        {
            Name = spec.Name,
            Image = spec.Image ?? "",
            ImageID = latest?.ImageRef ?? "",
            ContainerID = latest is null ? null : IdPrefix + latest.Id,
            RestartCount = latest?.Config.Attempt ?? 0,
            Started = false,
            Ready = false,
        };
        var waiting = rec.Waiting.GetValueOrDefault(spec.Name);
        if (latest is { State: Runtime.ContainerState.Running })
        {
            status.State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Seconds(latest.StartedAt) } };
            status.Started = started(latest.Id);
            status.Ready = isSidecarOrApp && status.Started == true && ready(latest.Id);
            if (view.Previous(spec.Name) is { State: Runtime.ContainerState.Exited } prev) status.LastState = new ContainerState { Terminated = Terminated(prev) };
        }
        else if (latest is { State: Runtime.ContainerState.Exited } exited)
        {
            if (waiting.Reason is not null)
            {
                status.State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting.Reason, Message = NullIfEmpty(waiting.Message) } };
                status.LastState = new ContainerState { Terminated = Terminated(exited) };
            }
            else
            {
                status.State = new ContainerState { Terminated = Terminated(exited) };
                if (view.Previous(spec.Name) is { State: Runtime.ContainerState.Exited } prev) status.LastState = new ContainerState { Terminated = Terminated(prev) };
            }
        }
        else
        {
            status.State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = waiting.Reason ?? "ContainerCreating", Message = NullIfEmpty(waiting.Message) } };
            if (view.Previous(spec.Name) is { State: Runtime.ContainerState.Exited } prev) status.LastState = new ContainerState { Terminated = Terminated(prev) };
        }
        status.LastState ??= new ContainerState();
        return status;
    }

    private ContainerStateTerminated Terminated(RuntimeContainer c) => new()
    {
        ExitCode = c.ExitCode,
        // A shell reports death by signal N as 128+N; 255 and other codes past the real-time signals are plain exits.
        Signal = c.ExitCode is > 128 and <= 128 + 64 ? c.ExitCode - 128 : null,
        Reason = string.IsNullOrEmpty(c.Reason) ? (c.ExitCode == 0 ? "Completed" : "Error") : c.Reason,
        Message = NullIfEmpty(terminationMessage(c)),
        // Never started (StartError): the kubelet reports the zero time, 1970-01-01T00:00:00Z.
        StartedAt = Seconds(c.StartedAt) ?? DateTimeOffset.UnixEpoch,
        FinishedAt = Seconds(c.FinishedAt),
        ContainerID = IdPrefix + c.Id,
    };

    /// <summary>API times have second precision; truncating keeps an unchanged status equal to the stored one.</summary>
    private static DateTimeOffset? Seconds(DateTimeOffset? t) =>
        t is { } v ? new DateTimeOffset(v.Ticks - v.Ticks % TimeSpan.TicksPerSecond, v.Offset) : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
