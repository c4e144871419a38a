using Orca.Agent.Probes;
using Orca.Agent.Translate;
using Orca.Api;
using Orca.Api.Core;
using Orca.Runtime;
using Orca.Runtime.Processes;

namespace Orca.Agent.Pods;

/// <summary>The result of starting a container: started, or waiting with a reason and when to look again.</summary>
internal sealed record StartOutcome(bool Started, string Reason = "", string Message = "", TimeSpan RetryAfter = default)
{
    public static readonly StartOutcome Ok = new(true);
}

/// <summary>
/// Starts one container of a pod: image per pull policy, env and volumes resolved, create and start in
/// the sandbox, postStart hook (a failed hook kills the container). Emits Created / Started / Failed events.
/// </summary>
internal sealed class ContainerStarter(
    IRuntimeService runtime, ImagePuller images, EnvResolver env, PodVolumes volumes, HookRunner hooks,
    PodEventSink events, Func<string> hostIp, AgentOptions options)
{
    private static readonly TimeSpan VolumeRetry = TimeSpan.FromSeconds(2);
    private readonly SeccompSettings _seccomp = new(options.SeccompDefault, options.ResolvedSeccompProfileRoot);

    public async Task<StartOutcome> StartAsync(PodRecord rec, Container c, string sandboxId, PodSandboxConfig sandbox, int attempt, CancellationToken ct)
    {
        var pod = rec.Pod;
        if (await images.EnsureAsync(pod, c, ct) is { } wait) return new StartOutcome(false, wait.Reason, wait.Message, wait.RetryAfter);
        if (NonRootPolicy.Applies(pod, c) && NonRootPolicy.Violation(pod, c, await images.UserAsync(c.Image ?? "", ct)) is { } rootError)
        {
            events(pod, "Warning", "Failed", $"Error: {rootError}");
            return new StartOutcome(false, "CreateContainerConfigError", rootError, options.BackoffInitial);
        }
        // Volumes first, as the kubelet mounts them before it makes any container: one that cannot be set up
        // keeps the pod in ContainerCreating (FailedMount) and is tried again soon.
        var (paths, volumeError) = await volumes.PrepareAsync(WithIp(pod, rec), hostIp(), ct);
        if (volumeError is not null)
        {
            events(pod, "Warning", "FailedMount", $"MountVolume.SetUp failed for volume \"{volumeError.Volume}\" : {volumeError.Message}");
            return new StartOutcome(false, "ContainerCreating", "", VolumeRetry);
        }
        var (vars, envError) = await env.ResolveAsync(WithIp(pod, rec), c, hostIp(), ct);
        if (envError is not null)
        {
            events(pod, "Warning", "Failed", $"Error: {envError.Message}");
            return new StartOutcome(false, "CreateContainerConfigError", envError.Message, options.BackoffInitial);
        }
        var messageFile = TerminationMessageFile(rec.Uid, c.Name, attempt);
        string id;
        try
        {
            var config = PodToContainer.Build(pod, c, attempt, vars!, paths!, messageFile, _seccomp);
            id = await runtime.CreateContainerAsync(sandboxId, config, sandbox, ct);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or ExternalProcessException)
        {
            events(pod, "Warning", "Failed", $"Error: {e.Message}");
            return new StartOutcome(false, "CreateContainerError", e.Message, options.BackoffInitial);
        }
        events(pod, "Normal", "Created", $"Created container {c.Name}");
        try
        {
            await runtime.StartContainerAsync(id, ct);
        }
        catch (ContainerStartException e)
        {
            // The container now exists as Exited (128, StartError): the next sync treats it as a crash —
            // restarted at once the first time, then CrashLoopBackOff — as the kubelet does.
            events(pod, "Warning", "Failed", $"Error: {e.Message}");
            return new StartOutcome(false, "RunContainerError", e.Message, TimeSpan.FromMilliseconds(1));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ExternalProcessException)
        {
            events(pod, "Warning", "Failed", $"Error: {e.Message}");
            return new StartOutcome(false, "RunContainerError", e.Message, options.BackoffInitial);
        }
        events(pod, "Normal", "Started", $"Started container {c.Name}");
        await PostStartAsync(pod, c, id, ct);
        return StartOutcome.Ok;
    }

    private async Task PostStartAsync(Pod pod, Container c, string id, CancellationToken ct)
    {
        if (c.Lifecycle?.PostStart is not { } hook) return;
        var grace = TimeSpan.FromSeconds(pod.Spec.TerminationGracePeriodSeconds ?? 30);
        var r = await hooks.RunAsync(pod, c, id, hook, grace, ct);
        if (r.Success) return;
        events(pod, "Warning", "FailedPostStartHook", $"PostStartHook failed: {r.Message}");
        events(pod, "Normal", "Killing", $"FailedPostStartHook");
        await runtime.StopContainerAsync(id, grace, ct);
    }

    private string TerminationMessageFile(string uid, string name, int attempt)
    {
        var dir = Path.Combine(volumes.PodDir(uid), "containers", name);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"termination-log-{attempt}");
        if (!File.Exists(file)) File.WriteAllBytes(file, []);
        return file;
    }

    /// <summary>The pod with the sandbox's IP as status.podIP, for the downward API.</summary>
    private static Pod WithIp(Pod pod, PodRecord rec)
    {
        if (rec.PodIp is null || pod.Status.PodIP == rec.PodIp) return pod;
        var copy = pod with { Status = pod.Status with { PodIP = rec.PodIp, PodIPs = [new PodIP { IP = rec.PodIp }] } };
        return copy;
    }
}
