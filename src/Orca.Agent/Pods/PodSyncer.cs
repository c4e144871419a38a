using Orca.Agent.Probes;
using Orca.Agent.Status;
using Orca.Agent.Translate;
using Orca.Api.Core;
using Orca.Runtime;
using RuntimeContainer = Orca.Runtime.ContainerStatus;
using RuntimeState = Orca.Runtime.ContainerState;

namespace Orca.Agent.Pods;

/// <summary>
/// One level-triggered sync of a running pod: compare the pod's spec with what the runtime holds and
/// take the next steps — sandbox, then init containers one at a time (sidecars started and kept
/// running), then app containers — restarting exited containers per restartPolicy under the crash-loop
/// back-off, and killing containers whose liveness or startup probe failed. Records why containers
/// wait in the pod record; returns when to look again (null: on the next event).
/// </summary>
internal sealed class PodSyncer(
    IRuntimeService runtime, ContainerStarter starter, PodKiller killer, ProbeManager probes, Backoff crashBackoff,
    PodEventSink events, AgentOptions options, TimeProvider time)
{
    /// <summary>What the runtime holds for the pod now, before the sync acts.</summary>
    public Task<PodRuntimeView> ReadViewAsync(PodRecord rec, CancellationToken ct) => PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);

    public async Task<(PodRuntimeView View, TimeSpan? RequeueAfter)> SyncAsync(PodRecord rec, CancellationToken ct)
    {
        var pod = rec.Pod;
        rec.Waiting.Clear();
        var view = await PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);
        var sandboxConfig = PodToSandbox.Build(pod, options, view.Sandboxes.Count);
        var sandbox = view.ReadySandbox;
        if (sandbox is null)
        {
            if (view.Sandboxes.Count > 0) await killer.KillAsync(pod, view, TimeSpan.Zero, removeSandbox: false, ct);
            await runtime.RunPodSandboxAsync(sandboxConfig, ct);
            view = await PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);
            sandbox = view.ReadySandbox ?? throw new InvalidOperationException("the runtime reported no ready sandbox after RunPodSandbox");
        }
        sandboxConfig = sandbox.Config;
        rec.PodIp = pod.Spec.HostNetwork == true ? null : sandbox.Ip;
        var step = new Step(rec, sandbox.Id, sandboxConfig, view);
        var initDone = await SyncInitAsync(step, ct);
        if (initDone) await SyncAppsAsync(step, ct);
        else foreach (var c in pod.Spec.Containers) rec.Waiting.TryAdd(c.Name, ("PodInitializing", ""));
        if (step.Changed) view = await PodRuntimeView.ReadAsync(runtime, rec.Uid, ct);
        EnsureProbes(rec, view);
        return (view, step.Changed ? TimeSpan.Zero : step.RequeueAfter);
    }

    /// <summary>True when every regular init container has exited 0 and every sidecar runs.</summary>
    private async Task<bool> SyncInitAsync(Step step, CancellationToken ct)
    {
        foreach (var c in step.Rec.Pod.Spec.InitContainers ?? [])
        {
            var latest = step.View.Latest(c.Name);
            if (PodStatusBuilder.IsSidecar(c))
            {
                if (latest?.State == RuntimeState.Running && await KillIfUnhealthyAsync(step, c, latest, ct)) return false;
                if (latest?.State == RuntimeState.Running) continue;
                if (!await StartOrBackoffAsync(step, c, latest, ct)) return false;
                continue;
            }
            if (latest is { State: RuntimeState.Exited, ExitCode: 0 }) continue;
            if (latest is { State: RuntimeState.Running or RuntimeState.Created }) return false;
            if (latest is { State: RuntimeState.Exited } && (step.Rec.Pod.Spec.RestartPolicy ?? "Always") == "Never")
            {
                step.Rec.InitFailed = true;
                return false;
            }
            await StartOrBackoffAsync(step, c, latest, ct);
            return false;
        }
        return true;
    }

    private async Task SyncAppsAsync(Step step, CancellationToken ct)
    {
        var policy = step.Rec.Pod.Spec.RestartPolicy ?? "Always";
        foreach (var c in step.Rec.Pod.Spec.Containers)
        {
            var latest = step.View.Latest(c.Name);
            if (latest?.State == RuntimeState.Running)
            {
                await KillIfUnhealthyAsync(step, c, latest, ct);
                continue;
            }
            if (latest?.State == RuntimeState.Created) continue;
            if (latest is { State: RuntimeState.Exited } && !ShouldRestart(policy, latest.ExitCode)) continue;
            await StartOrBackoffAsync(step, c, latest, ct);
        }
    }

    private static bool ShouldRestart(string policy, int exitCode) => policy switch
    {
        "Always" => true,
        "OnFailure" => exitCode != 0,
        _ => false,
    };

    /// <summary>Kills a container whose liveness or startup probe failed (it is restarted by a later sync). True when killed.</summary>
    private async Task<bool> KillIfUnhealthyAsync(Step step, Container c, RuntimeContainer running, CancellationToken ct)
    {
        if (probes.Failed(running.Id) is not { } kind) return false;
        var pod = step.Rec.Pod;
        var which = kind == ProbeKind.Liveness ? "liveness" : "startup";
        var grace = TimeSpan.FromSeconds((kind == ProbeKind.Liveness ? c.LivenessProbe : c.StartupProbe)?.TerminationGracePeriodSeconds
            ?? pod.Spec.TerminationGracePeriodSeconds ?? 30);
        await killer.StopAsync(pod, c, running, time.GetUtcNow() + grace, ct, $"Container {c.Name} failed {which} probe, will be restarted");
        step.Changed = true;
        return true;
    }

    /// <summary>
    /// Starts a container for the first time, or restarts an exited one unless its crash-loop back-off
    /// (measured from when it finished) still runs. True when a container was started.
    /// </summary>
    private async Task<bool> StartOrBackoffAsync(Step step, Container c, RuntimeContainer? latest, CancellationToken ct)
    {
        var rec = step.Rec;
        var key = $"{rec.Uid}/{c.Name}";
        if (latest is { State: RuntimeState.Exited })
        {
            var finished = latest.FinishedAt ?? time.GetUtcNow();
            if (crashBackoff.InBackoffSince(key, finished, out var remaining))
            {
                var delay = GoDuration.Format(crashBackoff.Current(key));
                rec.Waiting[c.Name] = ("CrashLoopBackOff", $"back-off {delay} restarting failed container={c.Name} pod={rec.FullName}");
                events(rec.Pod, "Warning", "BackOff", $"Back-off restarting failed container {c.Name} in pod {rec.FullName}");
                step.Later(remaining);
                return false;
            }
            crashBackoff.Next(key);
        }
        var attempt = latest is null ? 0 : latest.Config.Attempt + 1;
        var outcome = await starter.StartAsync(rec, c, step.SandboxId, step.SandboxConfig, attempt, ct);
        if (!outcome.Started)
        {
            rec.Waiting[c.Name] = (outcome.Reason, outcome.Message);
            if (outcome.RetryAfter > TimeSpan.Zero) step.Later(outcome.RetryAfter);
            return false;
        }
        await RemoveOldAttemptsAsync(step.View, c.Name, ct);
        step.Changed = true;
        return true;
    }

    /// <summary>Keeps the newest exited container of a name (for lastState) and removes older ones.</summary>
    private async Task RemoveOldAttemptsAsync(PodRuntimeView view, string name, CancellationToken ct)
    {
        if (!view.Containers.TryGetValue(name, out var list)) return;
        foreach (var old in list.Skip(1).Where(c => c.State == RuntimeState.Exited)) await runtime.RemoveContainerAsync(old.Id, ct);
    }

    private void EnsureProbes(PodRecord rec, PodRuntimeView view)
    {
        var specs = (rec.Pod.Spec.InitContainers ?? []).Where(PodStatusBuilder.IsSidecar).Concat(rec.Pod.Spec.Containers);
        foreach (var c in specs)
        {
            if (view.Latest(c.Name) is { State: RuntimeState.Running } running) probes.Ensure(WithIp(rec), c, running.Id);
        }
    }

    private static Pod WithIp(PodRecord rec) =>
        rec.PodIp is null ? rec.Pod : rec.Pod with { Status = rec.Pod.Status with { PodIP = rec.PodIp } };

    /// <summary>The state of one sync pass: the sandbox, the view, whether anything was started or killed, and the earliest retry.</summary>
    private sealed class Step(PodRecord rec, string sandboxId, PodSandboxConfig sandboxConfig, PodRuntimeView view)
    {
        public PodRecord Rec { get; } = rec;
        public string SandboxId { get; } = sandboxId;
        public PodSandboxConfig SandboxConfig { get; } = sandboxConfig;
        public PodRuntimeView View { get; } = view;
        public bool Changed { get; set; }
        public TimeSpan? RequeueAfter { get; private set; }

        public void Later(TimeSpan after)
        {
            if (after <= TimeSpan.Zero) after = TimeSpan.FromMilliseconds(1);
            if (RequeueAfter is null || after < RequeueAfter) RequeueAfter = after;
        }
    }
}
