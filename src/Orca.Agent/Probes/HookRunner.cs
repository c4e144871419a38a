using Orca.Api.Core;

namespace Orca.Agent.Probes;

/// <summary>Runs postStart / preStop handlers (exec, httpGet, sleep on the injected clock) within a time limit.</summary>
internal sealed class HookRunner(ProbeActions actions, TimeProvider time)
{
    public async Task<ActionResult> RunAsync(Pod pod, Container c, string containerId, LifecycleHandler handler, TimeSpan limit, CancellationToken ct)
    {
        if (handler.Exec?.Command is { Count: > 0 } command) return await actions.ExecAsync(containerId, command, limit, ct);
        if (handler.HttpGet is { } http) return await actions.HttpGetAsync(pod, c, http, limit, ct);
        if (handler.Sleep is { } sleep)
        {
            var d = TimeSpan.FromSeconds(Math.Max(0, sleep.Seconds));
            await Clock.DelayAsync(time, d < limit ? d : limit, ct);
            return ActionResult.Ok;
        }
        if (handler.TcpSocket is { } tcp) return await ProbeActions.TcpAsync(pod, c, tcp, limit, ct);
        return ActionResult.Ok;
    }
}
