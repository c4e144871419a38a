using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.NodeLifecycle;

/// <summary>
/// Node health (keys are node names). A node whose Lease and Ready heartbeat are both older than
/// NodeMonitorGracePeriod gets its conditions set Unknown ("Kubelet stopped posting node status.") and its
/// pods marked Ready=False; every sync then keeps the managed taints in line with the conditions
/// (unreachable / not-ready NoExecute and the NoSchedule taints by condition), so they go again when the
/// node reports Ready. The next check of a healthy node is timed on the injected clock for the moment its
/// grace period would run out.
/// </summary>
internal sealed partial class NodeLifecycleController : QueueController
{
    public const string ControllerName = "nodelifecycle";
    public const string LeaseNamespace = "kube-node-lease";
    private const string NodeIndex = "nodelifecycle-node";

    private readonly SharedInformer<Node> _nodes;
    private readonly SharedInformer<Lease> _leases;
    private readonly SharedInformer<Pod> _pods;
    private readonly EventRecorder _recorder;
    private readonly DateTimeOffset _started;

    public NodeLifecycleController(ControllerContext context) : base(context, ControllerName)
    {
        (_nodes, _leases, _pods) = Register(context);
        _recorder = context.Recorder("node-controller");
        _started = context.Time.GetUtcNow();
    }

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName, c => Register(c), c => new NodeLifecycleController(c));

    private static (SharedInformer<Node>, SharedInformer<Lease>, SharedInformer<Pod>) Register(ControllerContext c) =>
        (c.Informers.For<Node>(), c.Informers.For<Lease>(LeaseNamespace), PodsByNode(c, NodeIndex));

    /// <summary>The shared pod informer with an index by spec.nodeName under <paramref name="index"/> (added once).</summary>
    internal static SharedInformer<Pod> PodsByNode(ControllerContext c, string index)
    {
        var pods = c.Informers.For<Pod>();
        try
        {
            pods.Indexer.AddIndex(index, p => p.Spec.NodeName is { Length: > 0 } n ? [n] : []);
        }
        catch (ArgumentException)
        {
            // Added by an earlier term.
        }
        return pods;
    }

    protected override IEnumerable<IDisposable> Watch() =>
    [
        _nodes.AddEventHandler(Enqueue, (_, n) => Enqueue(n)),
        _leases.AddEventHandler(l => Queue.Add(l.Metadata.Name!), (_, l) => Queue.Add(l.Metadata.Name!)),
    ];

    protected override async Task SyncAsync(string name, CancellationToken ct)
    {
        var node = _nodes.Lister.Get(null, name);
        if (node is null) return;
        var now = Time.GetUtcNow();
        var deadline = NodeHealth.LastSeen(node, _leases.Lister.Get(LeaseNamespace, name), _started) + Context.Options.NodeMonitorGracePeriod;
        if (now < deadline) EnqueueAt(name, deadline);
        else node = await MarkUnknownAsync(node, now, ct);
        await ReconcileTaintsAsync(node, now, ct);
        if (NodeTaints.ReadyStatus(node) == "Unknown" && now >= deadline) await MarkPodsNotReadyAsync(name, now, ct);
    }

    private async Task<Node> MarkUnknownAsync(Node cached, DateTimeOffset now, CancellationToken ct)
    {
        var node = ApiJson.Clone(cached);
        var wasReady = NodeTaints.ReadyStatus(cached) == "True";
        if (!NodeHealth.MarkUnknown(node, now)) return cached;
        var updated = await Context.Client.Resource<Node>().UpdateStatusAsync(node, ct);
        LogUnknown(Logger, node.Metadata.Name!);
        if (wasReady) _recorder.Event(updated, "Normal", "NodeNotReady", $"Node {node.Metadata.Name} status is now: NodeNotReady");
        return updated;
    }

    private async Task ReconcileTaintsAsync(Node cached, DateTimeOffset now, CancellationToken ct)
    {
        var desired = NodeTaints.Desired(cached, now);
        if (NodeTaints.Same(cached.Spec.Taints, desired)) return;
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = cached.Metadata.ResourceVersion },
            ["spec"] = new JsonObject
            {
                ["taints"] = desired.Count == 0 ? null : JsonNode.Parse(ApiJson.SerializeToString(desired)),
            },
        };
        await Context.Client.Resource<Node>().PatchAsync(null, cached.Metadata.Name!, PatchType.Merge, patch.ToJsonString(), ct: ct);
    }

    /// <summary>Kubernetes' MarkPodsNotReady: the Ready condition of every pod on the lost node becomes False.</summary>
    private async Task MarkPodsNotReadyAsync(string node, DateTimeOffset now, CancellationToken ct)
    {
        var pods = Context.Client.Resource<Pod>();
        foreach (var pod in _pods.Indexer.ByIndex(NodeIndex, node))
        {
            var ready = pod.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            if (ready is null || ready.Status == "False") continue;
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["uid"] = pod.Metadata.Uid },
                ["status"] = new JsonObject
                {
                    ["conditions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Ready",
                        ["status"] = "False",
                        ["lastTransitionTime"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    }),
                },
            };
            try
            {
                await pods.PatchAsync(pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, patch.ToJsonString(), subresource: "status", ct: ct);
            }
            catch (ApiException e) when (e.IsNotFound || e.IsConflict)
            {
            }
        }
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "nodelifecycle: node {Node} stopped posting status; conditions set Unknown")]
    private static partial void LogUnknown(ILogger logger, string node);
}
