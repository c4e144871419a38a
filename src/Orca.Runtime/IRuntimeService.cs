namespace Orca.Runtime;

/// <summary>
/// The runtime half of the CRI: pod sandboxes (an infra container owning the pod's network, IPC
/// and UTS namespaces, with its IP from CNI) and the containers in them. It knows nothing of the
/// Kubernetes API: the agent translates a Pod into these configs. Thread-safe; every call is
/// idempotent where CRI says so (stopping a stopped container, removing a missing one).
/// Containers outlive the agent process (conmon monitors them); state is recovered from disk.
/// </summary>
public interface IRuntimeService
{
    string RuntimeName { get; }
    string RuntimeVersion { get; }

    Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken);
    Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken);
    Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken);
    Task<PodSandboxStatus?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken);
    Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken);

    Task<string> CreateContainerAsync(string sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken);
    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Sends the stop signal (SIGTERM or the image's), waits up to the timeout, then SIGKILL.</summary>
    Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken);
    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);
    Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken);
    Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(string? sandboxId, CancellationToken cancellationToken);

    /// <summary>Runs a command in a running container and collects its output (probes, hooks).</summary>
    Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>An interactive exec: the caller pumps the streams; the task completes with the exit code.</summary>
    Task<IStreamSession> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken);

    /// <summary>Connects to the container's main process streams (stdin if it was opened, and its output).</summary>
    Task<IStreamSession> AttachAsync(string containerId, bool stdin, bool tty, CancellationToken cancellationToken);

    /// <summary>A TCP connection to <paramref name="port"/> on the sandbox's loopback (inside its network namespace).</summary>
    Task<Stream> PortForwardAsync(string sandboxId, int port, CancellationToken cancellationToken);

    Task<ContainerStats?> ContainerStatsAsync(string containerId, CancellationToken cancellationToken);
}
