using Orca.Api.Core;

namespace Orca.Agent.Status;

/// <summary>The pod phase from its container statuses, the way the kubelet's getPhase counts them.</summary>
internal static class PodPhase
{
    public static string Compute(PodSpec spec, IReadOnlyList<ContainerStatus> init, IReadOnlyList<ContainerStatus> app, bool initFailed, bool initDone)
    {
        var policy = spec.RestartPolicy ?? "Always";
        if (initFailed) return "Failed";
        if (!initDone) return "Pending";
        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var s in app)
        {
            if (s.State?.Running is not null) running++;
            else if (s.State?.Terminated is { } t)
            {
                stopped++;
                if (t.ExitCode == 0) succeeded++;
            }
            else if (s.State?.Waiting is not null)
            {
                if (s.LastState?.Terminated is not null) stopped++;
                else waiting++;
            }
            else waiting++;
        }
        if (waiting > 0) return "Pending";
        if (running > 0) return "Running";
        if (stopped == 0) return "Pending";
        return policy switch
        {
            "Always" => "Running",
            "OnFailure" => stopped == succeeded ? "Succeeded" : "Running",
            _ => stopped == succeeded ? "Succeeded" : "Failed",
        };
    }
}
