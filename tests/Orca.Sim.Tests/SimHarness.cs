using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.ApiServer;
using Orca.Client;
using Orca.Storage.Memory;

namespace Orca.Sim.Tests;

/// <summary>
/// A real in-process API server (memory store), an admin client, a fake clock, and hollow clusters started
/// on them. Dispose stops the clusters and the server and removes the temp dir.
/// </summary>
internal sealed class SimHarness : IAsyncDisposable
{
    private readonly string _dir;
    private readonly List<HollowCluster> _clusters = [];

    private SimHarness(string dir, OrcaApiServer server, KubeClient client)
    {
        _dir = dir;
        Server = server;
        Client = client;
    }

    public OrcaApiServer Server { get; }
    public KubeClient Client { get; }
    public FakeTimeProvider Clock { get; } = new();

    /// <summary>What the sims logged (warnings and up), for failure messages.</summary>
    public CapturedLogs Logs { get; } = new();
    public ResourceClient<Pod> Pods => Client.Resource<Pod>();
    public ResourceClient<Node> Nodes => Client.Resource<Node>();
    public ResourceClient<Lease> Leases => Client.Resource<Lease>();

    public static async Task<SimHarness> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("orca-sim-test-").FullName;
        try
        {
            var server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = dir, Port = 0 }, new MemoryStore(),
                TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
            var client = new KubeClient(new KubeClientOptions { Server = server.Url, CaPem = server.CaPem, BearerToken = server.AdminToken });
            return new SimHarness(dir, server, client);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    /// <summary>Starts a hollow cluster on the fake clock and waits until its nodes are registered.</summary>
    public async Task<HollowCluster> StartSimAsync(HollowOptions options)
    {
        var sim = HollowCluster.Start(Client, options, Clock, Logs);
        _clusters.Add(sim);
        await sim.WaitForRegistrationAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return sim;
    }

    /// <summary>Stops a cluster early (e.g. to start another on the same nodes).</summary>
    public async Task StopSimAsync(HollowCluster sim)
    {
        _clusters.Remove(sim);
        await sim.DisposeAsync();
    }

    public async Task<Pod?> GetPodAsync(string name)
    {
        try
        {
            return await Pods.GetAsync("default", name);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public async Task<Lease> LeaseAsync(string node) => await Leases.GetAsync("kube-node-lease", node);

    /// <summary>Polls until the condition holds; fails after a wall-clock deadline. The fake clock does not move.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        EventuallyAsync(() => Task.FromResult(condition()), what, within);

    /// <summary>Waits for a pod to satisfy the condition; the failure names its last status.</summary>
    public async Task<Pod> PodWhenAsync(string name, Func<Pod, bool> condition, string what)
    {
        Pod? last = null;
        try
        {
            await EventuallyAsync(async () => (last = await GetPodAsync(name)) is { } p && condition(p), what);
        }
        catch (Xunit.Sdk.FailException)
        {
            Assert.Fail($"timed out waiting for {name}: {what}; last status: {(last is null ? "none" : Orca.Api.Json.ApiJson.SerializeToString(last.Status))}\nsim log:\n{Logs}");
        }
        return last!;
    }

    /// <summary>
    /// Moves the fake clock by <paramref name="by"/> in steps of <paramref name="step"/>, letting the sim's
    /// workers run between steps until <paramref name="settled"/> holds (or a short wall-clock grace passes).
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by, TimeSpan step, Func<Task<bool>>? settled = null)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += step)
        {
            Clock.Advance(step < by - moved ? step : by - moved);
            if (settled is not null) await EventuallyAsync(settled, "the sim to catch up with the clock");
            else await Task.Delay(20);
        }
    }

    public static Pod Pod(string name, string node, Action<Pod>? configure = null)
    {
        var pod = new Pod { ApiVersion = "v1", Kind = "Pod" };
        pod.Metadata.Name = name;
        pod.Metadata.Namespace = "default";
        pod.Spec.NodeName = node;
        pod.Spec.Containers.Add(new Container { Name = "app", Image = "nginx:1.27" });
        configure?.Invoke(pod);
        return pod;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sim in _clusters) await sim.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>A logger factory that keeps warning-and-up lines in memory. Thread-safe.</summary>
internal sealed class CapturedLogs : Microsoft.Extensions.Logging.ILoggerFactory, Microsoft.Extensions.Logging.ILogger
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;
    public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider) { }
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
    }

    public override string ToString() => string.Join('\n', _lines);
}
