using Orca.Runtime;

namespace Orca.Agent.Tests.Fakes;

/// <summary>How a fake container behaves once started: run until stopped, or exit after a while with a code (or OOM).</summary>
internal sealed record ContainerScript(TimeSpan? ExitAfter = null, int ExitCode = 0, bool OomKilled = false)
{
    public static readonly ContainerScript RunForever = new();
    public static ContainerScript Exit(int code, double afterSeconds = 0) => new(TimeSpan.FromSeconds(afterSeconds), code);
}

/// <summary>
/// A runtime in memory. Sandboxes get IPs 10.88.0.x; started containers run until stopped or until their
/// script makes them exit (timers on the injected clock, so tests drive time). ExecSync answers from
/// <see cref="ExecScript"/>. Records starts, stops and execs for assertions. Thread-safe.
/// </summary>
internal sealed class FakeRuntime(TimeProvider time) : IRuntimeService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodSandboxStatus> _sandboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerStatus> _containers = new(StringComparer.Ordinal);
    private readonly List<ITimer> _timers = [];
    private int _next;

    public string RuntimeName => "fake";
    public string RuntimeVersion => "0.1.0";

    /// <summary>Container name → its script per attempt (default: run forever).</summary>
    public Func<string, int, ContainerScript> Script { get; set; } = (_, _) => ContainerScript.RunForever;

    /// <summary>(container name, command joined by spaces) → exit code; default 0.</summary>
    public Func<string, string, int> ExecScript { get; set; } = (_, _) => 0;

    public List<(string Name, int Attempt, DateTimeOffset At)> Starts { get; } = [];
    public List<(string Name, TimeSpan Timeout)> Stops { get; } = [];
    public List<(string Name, string Command)> Execs { get; } = [];
    public List<ContainerConfig> Created { get; } = [];

    public T Locked<T>(Func<FakeRuntime, T> read)
    {
        lock (_lock) return read(this);
    }

    public Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var id = $"sb{++_next}";
            _sandboxes[id] = new PodSandboxStatus(id, config, SandboxState.Ready, time.GetUtcNow(), $"10.88.0.{_next % 250 + 2}", []);
            return Task.FromResult(id);
        }
    }

    public Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_sandboxes.TryGetValue(sandboxId, out var s)) _sandboxes[sandboxId] = s with { State = SandboxState.NotReady };
            foreach (var c in _containers.Values.Where(c => c.SandboxId == sandboxId && c.State == ContainerState.Running).ToList()) Exit(c.Id, 137, "Error");
        }
        return Task.CompletedTask;
    }

    public Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _sandboxes.Remove(sandboxId);
            foreach (var c in _containers.Values.Where(c => c.SandboxId == sandboxId).ToList()) _containers.Remove(c.Id);
        }
        return Task.CompletedTask;
    }

    public Task<PodSandboxStatus?> PodSandboxStatusAsync(string sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_sandboxes.GetValueOrDefault(sandboxId));
    }

    public Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<PodSandboxStatus>>(_sandboxes.Values.ToList());
    }

    public Task<string> CreateContainerAsync(string sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_sandboxes.ContainsKey(sandboxId)) throw new InvalidOperationException($"sandbox {sandboxId} not found");
            var id = $"c{++_next}";
            Created.Add(config);
            _containers[id] = new ContainerStatus
            {
                Id = id, SandboxId = sandboxId, Config = config, State = ContainerState.Created,
                CreatedAt = time.GetUtcNow(), ImageRef = FakeImages.IdOf(config.Image),
            };
            return Task.FromResult(id);
        }
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var c = _containers[containerId];
            var now = time.GetUtcNow();
            _containers[containerId] = c with { State = ContainerState.Running, StartedAt = now };
            Starts.Add((c.Config.Name, c.Config.Attempt, now));
            var script = Script(c.Config.Name, c.Config.Attempt);
            if (script.ExitAfter is { } after)
            {
                var reason = script.OomKilled ? "OOMKilled" : script.ExitCode == 0 ? "Completed" : "Error";
                if (after <= TimeSpan.Zero) Exit(containerId, script.ExitCode, reason);
                else _timers.Add(time.CreateTimer(_ => { lock (_lock) Exit(containerId, script.ExitCode, reason); }, null, after, Timeout.InfiniteTimeSpan));
            }
        }
        return Task.CompletedTask;
    }

    public Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_containers.TryGetValue(containerId, out var c)) return Task.CompletedTask;
            if (c.State is ContainerState.Running or ContainerState.Created)
            {
                Stops.Add((c.Config.Name, timeout));
                Exit(containerId, 143, "Error");
            }
        }
        return Task.CompletedTask;
    }

    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock) _containers.Remove(containerId);
        return Task.CompletedTask;
    }

    public Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_containers.GetValueOrDefault(containerId));
    }

    public Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(string? sandboxId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ContainerStatus>>(_containers.Values.Where(c => sandboxId is null || c.SandboxId == sandboxId).ToList());
    }

    public Task<ExecResult> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var c = _containers[containerId];
            var line = string.Join(' ', command);
            Execs.Add((c.Config.Name, line));
            var code = c.State == ContainerState.Running ? ExecScript(c.Config.Name, line) : 126;
            return Task.FromResult(new ExecResult(code, [], code == 0 ? [] : "probe says no"u8.ToArray()));
        }
    }

    public Task<IStreamSession> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IStreamSession> AttachAsync(string containerId, bool stdin, bool tty, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Stream> PortForwardAsync(string sandboxId, int port, CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Container name → its memory working set in bytes (default 0).</summary>
    public Func<string, ulong> MemoryOf { get; set; } = _ => 0;

    public Task<ContainerStats?> ContainerStatsAsync(string containerId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_containers.TryGetValue(containerId, out var c)
                ? new ContainerStats(time.GetUtcNow(), 0, 0, MemoryOf(c.Config.Name))
                : null);
        }
    }

    /// <summary>Marks a running container exited (called under the lock).</summary>
    private void Exit(string id, int code, string reason)
    {
        if (!_containers.TryGetValue(id, out var c) || c.State is not (ContainerState.Running or ContainerState.Created)) return;
        _containers[id] = c with { State = ContainerState.Exited, ExitCode = code, Reason = reason, FinishedAt = time.GetUtcNow() };
    }
}
