using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.NodeLifecycle;

/// <summary>
/// Taint-based eviction (keys are pods "ns/name"): a pod on a node with NoExecute taints it does not tolerate
/// is deleted at once; one that tolerates them all for a while (the 300 s not-ready / unreachable tolerations the
/// API server adds at admission) is deleted when the shortest tolerationSeconds has passed since the newest
/// taint's timeAdded — on the injected clock. Before the delete, the pod gets the DisruptionTarget condition
/// (reason DeletionByTaintManager) and a TaintManagerEviction event. A taint that goes away in time saves the pod:
/// the timed re-check finds nothing to do.
/// </summary>
internal sealed partial class TaintEvictionController : QueueController
{
    public const string ControllerName = "taint-eviction-controller";
    private const string NodeIndex = "tainteviction-node";

    private readonly SharedInformer<Node> _nodes;
    private readonly SharedInformer<Pod> _pods;
    private readonly EventRecorder _recorder;

    public TaintEvictionController(ControllerContext context) : base(context, ControllerName)
    {
        (_nodes, _pods) = Register(context);
        _recorder = context.Recorder(ControllerName);
    }

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName, c => Register(c), c => new TaintEvictionController(c));

    private static (SharedInformer<Node>, SharedInformer<Pod>) Register(ControllerContext c) =>
        (c.Informers.For<Node>(), NodeLifecycleController.PodsByNode(c, NodeIndex));

    protected override IEnumerable<IDisposable> Watch() =>
    [
        _pods.AddEventHandler(OnPod, (_, p) => OnPod(p)),
        _nodes.AddEventHandler(OnNode, (old, n) =>
        {
            if (!NodeTaints.Same(NoExecute(old).ToList(), NoExecute(n).ToList())) OnNode(n);
        }),
    ];

    private void OnPod(Pod pod)
    {
        if (!string.IsNullOrEmpty(pod.Spec.NodeName) && pod.Metadata.DeletionTimestamp is null) Enqueue(pod);
    }

    private void OnNode(Node node)
    {
        if (!NoExecute(node).Any()) return;
        foreach (var pod in _pods.Indexer.ByIndex(NodeIndex, node.Metadata.Name!)) OnPod(pod);
    }

    private static IEnumerable<Taint> NoExecute(Node node) => (node.Spec.Taints ?? []).Where(t => t.Effect == NodeTaints.NoExecute);

    protected override async Task SyncAsync(string key, CancellationToken ct)
    {
        var pod = _pods.Lister.Get(key);
        if (pod is null || pod.Metadata.DeletionTimestamp is not null || string.IsNullOrEmpty(pod.Spec.NodeName)) return;
        if (pod.Status.Phase is "Succeeded" or "Failed") return;
        var node = _nodes.Lister.Get(null, pod.Spec.NodeName);
        if (node is null) return;
        var taints = NoExecute(node).ToList();
        if (taints.Count == 0) return;
        var allowed = Tolerations.Allowed(pod.Spec.Tolerations, taints);
        if (allowed == TimeSpan.MaxValue) return;
        if (allowed is { } a)
        {
            var since = taints.Max(t => t.TimeAdded) ?? Time.GetUtcNow();
            var due = since + a;
            if (Time.GetUtcNow() < due)
            {
                EnqueueAt(key, due);
                return;
            }
        }
        await EvictAsync(pod, ct);
    }

    private async Task EvictAsync(Pod pod, CancellationToken ct)
    {
        var client = Context.Client.Resource<Pod>();
        _recorder.Event(pod, "Normal", "TaintManagerEviction", $"Marking for deletion Pod {pod.Metadata.Namespace}/{pod.Metadata.Name}");
        LogEvicting(Logger, pod.Metadata.Namespace!, pod.Metadata.Name!, pod.Spec.NodeName!);
        var condition = new JsonObject
        {
            ["metadata"] = new JsonObject { ["uid"] = pod.Metadata.Uid },
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "DisruptionTarget",
                    ["status"] = "True",
                    ["reason"] = "DeletionByTaintManager",
                    ["message"] = "Taint manager: deleting due to NoExecute taint",
                    ["lastTransitionTime"] = Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                }),
            },
        };
        try
        {
            await client.PatchAsync(pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, condition.ToJsonString(), subresource: "status", ct: ct);
            await client.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, new DeleteOptions { Preconditions = new Preconditions { Uid = pod.Metadata.Uid } }, ct);
        }
        catch (ApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }

    [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "taint eviction: deleting pod {Namespace}/{Name} from node {Node}")]
    private static partial void LogEvicting(ILogger logger, string @namespace, string name, string node);
}
