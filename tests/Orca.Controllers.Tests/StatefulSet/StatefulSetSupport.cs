using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Storage;
using Orca.Client;
using Orca.Sim;
using Set = Orca.Api.Apps.StatefulSet;

namespace Orca.Controllers.Tests.StatefulSets;

/// <summary>StatefulSets, claims and a pod-event recorder for the StatefulSet and storage tests.</summary>
internal static class StatefulSetSupport
{
    public static readonly string[] Controllers = ["statefulset", "persistentvolume-binder", "local-path-provisioner"];

    /// <summary>The controllers, the scheduler and <paramref name="nodes"/> hollow nodes, each publishing a local-path root (hollow nodes make no directories).</summary>
    public static async Task<ControllerCluster> StartAsync(int nodes = 2)
    {
        var cluster = await ControllerCluster.StartAsync(Controllers, scheduler: true);
        if (nodes > 0) await AddNodesAsync(cluster, nodes);
        return cluster;
    }

    public static async Task AddNodesAsync(ControllerCluster cluster, int nodes)
    {
        var sim = await cluster.StartNodesAsync(new HollowOptions { Nodes = nodes, NamePrefix = "sts-node-" });
        foreach (var name in sim.NodeNames)
        {
            var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [StorageNames.NodeLocalPathRoot] = $"/hollow/{name}/local-path" } } };
            await cluster.Nodes.PatchAsync(null, name, PatchType.Merge, patch.ToJsonString());
        }
    }

    public static Set NewSet(string name, int replicas, string image = "busybox:1", bool claims = false, string policy = "OrderedReady") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = name + "-svc",
            PodManagementPolicy = policy,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec
                {
                    TerminationGracePeriodSeconds = 0,
                    Containers = [new Container { Name = "main", Image = image }],
                },
            },
            VolumeClaimTemplates = claims
                ? [new PersistentVolumeClaim
                {
                    Metadata = new ObjectMeta { Name = "www" },
                    Spec = new PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new VolumeResourceRequirements { Requests = new() { ["storage"] = Quantity.Parse("1Gi") } },
                    },
                }]
                : null,
        },
    };

    public static ResourceClient<Set> Sets(this ControllerCluster c) => c.Client.Resource<Set>();

    public static async Task<Pod?> PodAsync(this ControllerCluster c, string name)
    {
        try
        {
            return await c.Pods.GetAsync("default", name);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public static bool IsReady(Pod p) => p.Status.Phase == "Running" && p.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>Waits until every pod web-0…n-1 exists and is Running and Ready, and no other pod of the set exists.</summary>
    public static Task WaitReadyAsync(ControllerCluster c, string set, int n) => ControllerCluster.EventuallyAsync(async () =>
    {
        var pods = await c.PodsAsync(labelSelector: "app=" + set);
        return pods.Count == n && pods.All(IsReady) && Enumerable.Range(0, n).All(i => pods.Any(p => p.Metadata.Name == $"{set}-{i}"));
    }, $"{n} ready pods of {set}", TimeSpan.FromSeconds(30));

    public static Task WaitStatusAsync(ControllerCluster c, string set, Func<StatefulSetStatus, bool> condition, string what) =>
        ControllerCluster.EventuallyAsync(async () => condition((await c.Sets().GetAsync("default", set)).Status), what, TimeSpan.FromSeconds(30));

    /// <summary>Waits for an event with this reason and message (the recorder writes them asynchronously).</summary>
    public static Task WaitEventAsync(ControllerCluster c, string reason, string message) => ControllerCluster.EventuallyAsync(async () =>
        (await c.Client.Resource<Event>().ListAsync("default")).Items.Any(e => e.Reason == reason && e.Message == message),
        $"event {reason} \"{message}\"");

    /// <summary>Patches a pod's status (e.g. to make it Failed or unready), as a node would.</summary>
    public static Task PatchPodStatusAsync(ControllerCluster c, string name, string json) =>
        c.Pods.PatchAsync("default", name, PatchType.StrategicMerge, json, subresource: "status");
}

/// <summary>Pod changes of one set in the order the API server made them (an informer delivers them in resourceVersion order).</summary>
internal sealed class PodLog : IAsyncDisposable
{
    private readonly SharedInformer<Pod> _informer;
    private readonly ConcurrentQueue<(string Kind, string Name, bool Ready, bool Deleting)> _entries = new();

    private PodLog(SharedInformer<Pod> informer) => _informer = informer;

    public static async Task<PodLog> StartAsync(ControllerCluster c, string set)
    {
        var informer = new SharedInformer<Pod>(c.Client, new InformerOptions { LabelSelector = "app=" + set });
        var log = new PodLog(informer);
        informer.AddEventHandler(p => log.Add("add", p), (_, p) => log.Add("update", p), p => log.Add("delete", p));
        informer.Start();
        await informer.WaitForSyncAsync();
        return log;
    }

    private void Add(string kind, Pod p) =>
        _entries.Enqueue((kind, p.Metadata.Name!, StatefulSetSupport.IsReady(p), p.Metadata.DeletionTimestamp is not null));

    public IReadOnlyList<(string Kind, string Name, bool Ready, bool Deleting)> Entries => _entries.ToArray();

    /// <summary>Index of the first entry matching, or -1.</summary>
    public int First(Func<(string Kind, string Name, bool Ready, bool Deleting), bool> match)
    {
        var entries = Entries;
        for (var i = 0; i < entries.Count; i++)
            if (match(entries[i])) return i;
        return -1;
    }

    public ValueTask DisposeAsync() => _informer.DisposeAsync();
}
