using Microsoft.Extensions.Logging.Abstractions;
using Orca.Agent.Tests.Fakes;
using Orca.Api.Core;
using Orca.ApiServer;
using Orca.Client;
using Orca.Storage.Memory;

namespace Orca.Agent.Tests;

/// <summary>
/// A real in-process API server (memory store), a fake runtime and image store, a fake clock, and an
/// agent on node "node-1" using them. Dispose stops everything and removes the temp dir.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    public const string Node = "node-1";

    private readonly string _dir;

    private AgentHarness(string dir, OrcaApiServer server, KubeClient client)
    {
        _dir = dir;
        Server = server;
        Client = client;
        Runtime = new FakeRuntime(Clock);
    }

    public OrcaApiServer Server { get; }
    public KubeClient Client { get; }
    public FakeTimeProvider Clock { get; } = new();
    public FakeRuntime Runtime { get; }
    public FakeImages Images { get; } = new();
    public OrcaAgent? Agent { get; private set; }
    public string DataDir => Path.Combine(_dir, "agent");
    public ResourceClient<Pod> Pods => Client.Resource<Pod>();

    public static async Task<AgentHarness> StartServerAsync()
    {
        var dir = Directory.CreateTempSubdirectory("orca-agent-test-").FullName;
        var server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = dir, Port = 0 }, new MemoryStore(),
            TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
        var client = new KubeClient(new KubeClientOptions { Server = server.Url, CaPem = server.CaPem, BearerToken = server.AdminToken });
        return new AgentHarness(dir, server, client);
    }

    public static async Task<AgentHarness> StartAsync(Func<AgentOptions, AgentOptions>? configure = null)
    {
        var h = await StartServerAsync();
        await h.StartAgentAsync(configure);
        return h;
    }

    public async Task StartAgentAsync(Func<AgentOptions, AgentOptions>? configure = null)
    {
        // Node-pressure eviction observes the real host: off unless a test turns it on, so other tests do not depend on the machine's free memory and disk.
        var options = new AgentOptions { NodeName = Node, DataDir = DataDir, PodLogDir = Path.Combine(_dir, "logs"), EvictionHard = new Dictionary<string, string>() };
        Agent = await OrcaAgent.StartAsync(configure?.Invoke(options) ?? options, Client, Runtime, Images, Clock, NullLoggerFactory.Instance, CancellationToken.None);
    }

    public async Task<Pod> CreateAsync(Pod pod) => await Pods.CreateAsync(pod);

    public async Task<Pod?> GetAsync(string name)
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

    /// <summary>
    /// Polls the condition; between polls the fake clock moves by <paramref name="tick"/> (default 1 s),
    /// so the agent's timers (relist, probes, back-off) fire. Fails after a wall-clock deadline.
    /// </summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? tick = null, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(20);
            Clock.Advance(tick ?? TimeSpan.FromSeconds(1));
        }
    }

    public Task<Pod> PodWhenAsync(string name, Func<Pod, bool> condition, string what, TimeSpan? tick = null) =>
        PodWhenCoreAsync(name, condition, what, tick);

    private async Task<Pod> PodWhenCoreAsync(string name, Func<Pod, bool> condition, string what, TimeSpan? tick)
    {
        Pod? last = null;
        try
        {
            await EventuallyAsync(async () => (last = await GetAsync(name)) is { } p && condition(p), $"{name}: {what}", tick);
        }
        catch (Xunit.Sdk.FailException)
        {
            Assert.Fail($"timed out waiting for {name}: {what}; last status: {(last is null ? "none" : Orca.Api.Json.ApiJson.SerializeToString(last.Status))}");
        }
        return last!;
    }

    /// <summary>Waits (advancing the clock) for an event in namespace default that matches, and returns it.</summary>
    public async Task<Api.Core.Event> EventuallyEventsAsync(Func<Api.Core.Event, bool> match)
    {
        Api.Core.Event? found = null;
        await EventuallyAsync(async () => (found = (await Client.Resource<Api.Core.Event>().ListAsync("default")).Items.FirstOrDefault(match)) is not null, "event");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null) await Agent.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
