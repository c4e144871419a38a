using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Host;

/// <summary>The scheduler's API writes over the REST client. Thread-safe.</summary>
internal sealed class KubeSchedulerClient(KubeClient client) : ISchedulerClient
{
    private readonly ResourceClient<Pod> _pods = client.Resource<Pod>();

    public Task BindAsync(Pod pod, string nodeName, CancellationToken ct) =>
        _pods.CreateSubresourceAsync(pod.Metadata.Namespace, pod.Metadata.Name!, "binding", new Binding
        {
            ApiVersion = "v1",
            Kind = "Binding",
            Metadata = new ObjectMeta { Name = pod.Metadata.Name, Namespace = pod.Metadata.Namespace, Uid = pod.Metadata.Uid },
            Target = new ObjectReference { Kind = "Node", Name = nodeName },
        }, ct);

    /// <summary>A strategic merge patch of pods/status: the condition merges by type; nominatedNodeName "" becomes null (cleared).</summary>
    public async Task PatchStatusAsync(Pod pod, PodStatusChange change, CancellationToken ct)
    {
        var status = new JsonObject();
        if (change.Condition is { } condition)
        {
            var node = JsonSerializer.SerializeToNode(condition, ApiJson.Info<PodCondition>())!.AsObject();
            node.TryAdd("lastProbeTime", null);
            status["conditions"] = new JsonArray(node);
        }
        if (change.NominatedNodeName is { } nominated) status["nominatedNodeName"] = nominated.Length == 0 ? null : nominated;
        if (status.Count == 0) return;
        var patch = new JsonObject { ["status"] = status };
        await _pods.PatchAsync(pod.Metadata.Namespace, pod.Metadata.Name!, PatchType.StrategicMerge, patch.ToJsonString(), subresource: "status", ct: ct);
    }

    public async Task DeletePodAsync(Pod pod, CancellationToken ct)
    {
        try
        {
            await _pods.DeleteAsync(pod.Metadata.Namespace, pod.Metadata.Name!, new DeleteOptions { Preconditions = new Preconditions { Uid = pod.Metadata.Uid } }, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }
}
