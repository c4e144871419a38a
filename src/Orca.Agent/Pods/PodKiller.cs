using Orca.Agent.Probes;
using Orca.Api.Core;
using Orca.Runtime;
using RuntimeContainer = Orca.Runtime.ContainerStatus;
using ContainerState = Orca.Runtime.ContainerState;

namespace Orca.Agent.Pods;

/// <summary>
/// Stops a pod's containers gracefully: app containers together, each running its preStop hook and
/// then stopped (SIGTERM, SIGKILL when the rest of the grace period is over); then sidecars in reverse
/// order, then anything left. Optionally stops and removes the sandbox. Idempotent.
/// </summary>
internal sealed class PodKiller(IRuntimeService runtime, HookRunner hooks, PodEventSink events, TimeProvider time)
{
    /// <summary>
    /// A single container's stop (a failed liveness probe) gets at least this long after SIGTERM,
    /// even when its preStop hook used up the grace period (the kubelet's minimal shutdown window).
    /// </summary>
    private static readonly TimeSpan MinimumStop = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Stopping a whole pod gives each container at least this long: the kubelet passes the pod's
    /// effective grace period down as an override (never under 1 s) that replaces the 2 s window.
    /// </summary>
    private static readonly TimeSpan MinimumPodStop = TimeSpan.FromSeconds(1);

    public async Task KillAsync(Pod pod, PodRuntimeView view, TimeSpan grace, bool removeSandbox, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + grace;
        await Task.WhenAll(pod.Spec.Containers.Select(c => StopAsync(pod, c, view.Latest(c.Name), deadline, MinimumPodStop, null, ct)));
        foreach (var c in Enumerable.Reverse(pod.Spec.InitContainers ?? []))
            await StopAsync(pod, c, view.Latest(c.Name), deadline, MinimumPodStop, null, ct);
        foreach (var leftover in view.All.Where(c => c.State is ContainerState.Running or ContainerState.Created))
            await runtime.StopContainerAsync(leftover.Id, MinimumPodStop, ct);
        foreach (var sandbox in view.Sandboxes)
        {
            await runtime.StopPodSandboxAsync(sandbox.Id, ct);
            if (!removeSandbox) continue;
            foreach (var c in view.All.Where(c => c.SandboxId == sandbox.Id)) await runtime.RemoveContainerAsync(c.Id, ct);
            await runtime.RemovePodSandboxAsync(sandbox.Id, ct);
        }
    }

    /// <summary>Stops one running container alone (a failed probe): preStop within the deadline, then the stop with what is left (at least 2 s).</summary>
    public Task StopAsync(Pod pod, Container spec, RuntimeContainer? c, DateTimeOffset deadline, CancellationToken ct, string? message = null) =>
        StopAsync(pod, spec, c, deadline, MinimumStop, message, ct);

    private async Task StopAsync(Pod pod, Container spec, RuntimeContainer? c, DateTimeOffset deadline, TimeSpan minimum, string? message, CancellationToken ct)
    {
        if (c is null || c.State is not (ContainerState.Running or ContainerState.Created)) return;
        events(pod, "Normal", "Killing", message ?? $"Stopping container {spec.Name}");
        if (spec.Lifecycle?.PreStop is { } preStop && c.State == ContainerState.Running)
        {
            var left = deadline - time.GetUtcNow();
            if (left > TimeSpan.Zero)
            {
                var r = await hooks.RunAsync(pod, spec, c.Id, preStop, left, ct);
                if (!r.Success) events(pod, "Warning", "FailedPreStopHook", $"PreStopHook failed: {r.Message}");
            }
        }
        var remaining = deadline - time.GetUtcNow();
        await runtime.StopContainerAsync(c.Id, remaining > minimum ? remaining : minimum, ct);
    }
}
