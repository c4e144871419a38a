using Orca.Api.Core;

namespace Orca.Agent.Probes;

/// <summary>Runs one probe once (exec, httpGet, tcpSocket, grpc) within its timeoutSeconds (default 1 s).</summary>
internal sealed class ProbeRunner(ProbeActions actions)
{
    public async Task<ActionResult> RunAsync(Pod pod, Container c, string containerId, Probe probe, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        if (probe.Exec?.Command is { Count: > 0 } command) return await actions.ExecAsync(containerId, command, timeout, ct);
        if (probe.HttpGet is { } http) return await actions.HttpGetAsync(pod, c, http, timeout, ct);
        if (probe.TcpSocket is { } tcp) return await ProbeActions.TcpAsync(pod, c, tcp, timeout, ct);
        if (probe.Grpc is { } grpc) return await GrpcProbe.CheckAsync(ProbeActions.Host(pod), grpc.Port, grpc.Service ?? "", timeout, ct);
        return new ActionResult(false, "probe has no action");
    }
}
