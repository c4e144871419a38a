using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.ApiServer;
using Orca.Client;
using Orca.Scheduler;
using Orca.Sim;
using Orca.Storage.Memory;

namespace Orca.Controllers.Tests;

/// <summary>
/// A real in-process API server (memory store, temp dir), an admin client, a fake clock, the controller
/// manager running the named controllers on that clock (no leader election), and optionally the real
/// scheduler and hollow nodes (on the same clock) so that pods get placed and "run". Dispose stops all.
/// </summary>
internal sealed class ControllerCluster : IAsyncDisposable
{
    private readonly string _dir;
    private readonly List<HollowCluster> _sims = [];

    private ControllerCluster(string dir, OrcaApiServer server, KubeClient client)
    {
        _dir = dir;
        Server = server;
        Client = client;
    }

    public OrcaApiServer Server { get; }
    public KubeClient Client { get; }
    public FakeTimeProvider Clock { get; } = new();
    public ControllerManager? Manager { get; private set; }
    public SchedulerHost? Scheduler { get; private set; }
    public ResourceClient<Pod> Pods => Client.Resource<Pod>();
    public ResourceClient<Node> Nodes => Client.Resource<Node>();

    /// <param name="controllers">The controllers to run (names as in `--controllers`).</param>
    /// <param name="scheduler">Also run the real scheduler (on the wall clock).</param>
    public static async Task<ControllerCluster> StartAsync(string[] controllers, bool scheduler = false, Func<ControllerManagerOptions, ControllerManagerOptions>? configure = null)
    {
        var dir = Directory.CreateTempSubdirectory("orca-ctrl-test-").FullName;
        OrcaApiServer? server = null;
        ControllerCluster? cluster = null;
        try
        {
            server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = dir, Port = 0 }, new MemoryStore(),
                TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
            var client = new KubeClient(new KubeClientOptions { Server = server.Url, CaPem = server.CaPem, BearerToken = server.AdminToken });
            cluster = new ControllerCluster(dir, server, client);
            var options = new ControllerManagerOptions { Time = cluster.Clock, LeaderElect = false, Controllers = controllers };
            cluster.Manager = await ControllerManager.StartAsync(configure?.Invoke(options) ?? options, client, NullLoggerFactory.Instance, CancellationToken.None);
            if (scheduler)
                cluster.Scheduler = await SchedulerHost.StartAsync(new SchedulerHostOptions { LeaderElect = false }, client, NullLoggerFactory.Instance, CancellationToken.None);
            return cluster;
        }
        catch
        {
            if (cluster is not null) await cluster.DisposeAsync();
            else if (server is not null)
            {
                await server.DisposeAsync();
                Directory.Delete(dir, recursive: true);
            }
            throw;
        }
    }

    /// <summary>Starts hollow nodes on the fake clock and waits until they are registered.</summary>
    public async Task<HollowCluster> StartNodesAsync(HollowOptions options)
    {
        var sim = HollowCluster.Start(Client, options, Clock, NullLoggerFactory.Instance);
        _sims.Add(sim);
        await sim.WaitForRegistrationAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return sim;
    }

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

    /// <summary>Moves the fake clock by <paramref name="by"/> in steps of <paramref name="step"/>, pausing briefly between steps so timers' work runs.</summary>
    public async Task AdvanceAsync(TimeSpan by, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < by; moved += step)
        {
            Clock.Advance(step < by - moved ? step : by - moved);
            await Task.Delay(20);
        }
    }

    public async Task<List<Pod>> PodsAsync(string ns = "default", string? labelSelector = null) =>
        [.. (await Pods.ListAsync(ns, new ListOptions { LabelSelector = labelSelector })).Items];

    public async ValueTask DisposeAsync()
    {
        if (Manager is not null) await Manager.DisposeAsync();
        if (Scheduler is not null) await Scheduler.DisposeAsync();
        foreach (var sim in _sims) await sim.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
