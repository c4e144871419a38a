using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Scheduling;
using Orca.ApiServer;
using Orca.Client;
using Orca.Storage.Memory;

namespace Orca.Scheduler.Tests.Integration;

/// <summary>
/// A real in-process API server (memory store, temp dir, free port), an admin client, and a scheduler host
/// against it. Nodes are plain API objects (no agent): tests create them with the capacity and labels they
/// need, and play the node agent where a test needs one (confirming graceful deletes). Dispose removes all.
/// </summary>
internal sealed class SchedulerCluster : IAsyncDisposable
{
    private readonly string _dir;

    private SchedulerCluster(string dir, OrcaApiServer server, KubeClient client)
    {
        _dir = dir;
        Server = server;
        Client = client;
        Pods = client.Resource<Pod>();
        Nodes = client.Resource<Node>();
    }

    public OrcaApiServer Server { get; }
    public KubeClient Client { get; }
    public ResourceClient<Pod> Pods { get; }
    public ResourceClient<Node> Nodes { get; }
    public SchedulerHost? Scheduler { get; private set; }

    /// <param name="config">KubeSchedulerConfiguration YAML; null for the defaults.</param>
    public static async Task<SchedulerCluster> StartAsync(string? config = null)
    {
        var dir = Directory.CreateTempSubdirectory("orca-sched-test-").FullName;
        OrcaApiServer? server = null;
        try
        {
            server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = dir, Port = 0 }, new MemoryStore(),
                TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);
            var client = new KubeClient(new KubeClientOptions { Server = server.Url, CaPem = server.CaPem, BearerToken = server.AdminToken });
            var cluster = new SchedulerCluster(dir, server, client);
            string? path = null;
            if (config is not null) await File.WriteAllTextAsync(path = Path.Combine(dir, "scheduler.yaml"), config);
            cluster.Scheduler = await SchedulerHost.StartAsync(new SchedulerHostOptions { ConfigPath = path }, client, NullLoggerFactory.Instance, CancellationToken.None);
            return cluster;
        }
        catch
        {
            if (server is not null) await server.DisposeAsync();
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Scheduler is not null) await Scheduler.DisposeAsync();
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Creates a Ready node (a fake one: nothing runs its pods).</summary>
    public async Task<Node> AddNodeAsync(Node node)
    {
        node.Status.Conditions = [new NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }];
        return await Nodes.CreateAsync(node);
    }

    /// <summary>
    /// Creates Ready nodes and waits until the scheduler has seen each of them: a canary pod pinned to each node
    /// (kube-system, deleted again) gets bound. Tests whose messages count nodes start from a known cluster so.
    /// </summary>
    public async Task AddNodesAsync(params Node[] nodes)
    {
        foreach (var n in nodes) await AddNodeAsync(n);
        foreach (var n in nodes)
        {
            var canary = PodBuilder.Named($"canary-{n.Metadata.Name}", "kube-system").NodeSelector("kubernetes.io/hostname", n.Metadata.Name!).Build();
            await CreateAsync(canary);
            await WaitBoundAsync(canary.Metadata.Name!, "kube-system");
            await Pods.DeleteAsync("kube-system", canary.Metadata.Name!, new Orca.Api.Meta.DeleteOptions { GracePeriodSeconds = 0 });
        }
    }

    public async Task<Pod> CreateAsync(Pod pod)
    {
        pod.Metadata.Uid = null;
        pod.Metadata.CreationTimestamp = null;
        pod.Status = new PodStatus();
        return await Pods.CreateAsync(pod);
    }

    public Task<Pod> GetAsync(string name, string ns = "default") => Pods.GetAsync(ns, name);

    /// <summary>Waits until the pod is bound and returns its node.</summary>
    public async Task<string> WaitBoundAsync(string name, string ns = "default")
    {
        string node = "";
        await EventuallyAsync(async () => (node = (await GetAsync(name, ns)).Spec.NodeName ?? "").Length > 0, $"{ns}/{name} bound");
        return node;
    }

    /// <summary>
    /// Waits for PodScheduled=False/Unschedulable with <paramref name="message"/> (any message when null: nodes
    /// created just before may reach the scheduler after a first attempt) and returns the message.
    /// </summary>
    public async Task<string> WaitUnschedulableAsync(string name, string? message = null, string ns = "default")
    {
        PodCondition? c = null;
        await EventuallyAsync(async () =>
        {
            c = (await GetAsync(name, ns)).Status.Conditions?.FirstOrDefault(x => x.Type == "PodScheduled");
            return c is { Status: "False", Reason: "Unschedulable" } && (message is null || c.Message == message);
        }, $"{ns}/{name} unschedulable with \"{message}\" (last: {c?.Message})");
        return c!.Message!;
    }

    /// <summary>Creates a PriorityClass (scheduling.k8s.io/v1).</summary>
    public Task<PriorityClass> PriorityClassAsync(string name, int value, string? preemptionPolicy = null) =>
        Client.Resource<PriorityClass>().CreateAsync(new PriorityClass
        {
            ApiVersion = "scheduling.k8s.io/v1", Kind = "PriorityClass",
            Metadata = new() { Name = name }, Value = value, PreemptionPolicy = preemptionPolicy,
        });

    /// <summary>The events recorded about a pod (core/v1).</summary>
    public async Task<List<Event>> EventsAsync(string pod, string ns = "default") =>
        (await Client.Resource<Event>().ListAsync(ns)).Items.Where(e => e.InvolvedObject.Name == pod).ToList();

    public async Task PatchNodeAsync(string name, string mergePatch) =>
        await Nodes.PatchAsync(null, name, PatchType.Merge, mergePatch);

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Serializes a pod for failure messages.</summary>
    public static string Dump(Pod pod) => ApiJson.SerializeToString(pod);
}
