using Orca.Api.Core;
using Orca.ApiServer.Http;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// pods/log, exec, attach and portforward: streams proxied to the node agent that runs the pod.
/// The agent's streaming server arrives with the node agent; until then these answer a clear
/// Status: 404 for a missing pod or container, 400 for a pod not on a node, 503 otherwise.
/// </summary>
internal sealed class NodeStreamingSubresource(string subresource) : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest r)
    {
        var cached = await r.Store.GetAsync(r.Namespace, r.Info.Name, r.Context.RequestAborted);
        var pod = (Pod)cached.Object;
        var container = r.Context.Request.Query["container"].FirstOrDefault();
        var containers = PodContainerNames(pod);
        if (container is { Length: > 0 } && !containers.Contains(container))
            throw ApiErrors.BadRequest($"container {container} is not valid for pod {pod.Metadata.Name}");
        if (string.IsNullOrEmpty(pod.Spec.NodeName))
            throw ApiErrors.BadRequest($"pod {pod.Metadata.Name} does not have a host assigned");
        throw ApiErrors.ServiceUnavailable(
            $"{subresource} for pod {pod.Metadata.Namespace}/{pod.Metadata.Name} is not available: the node agent on node \"{pod.Spec.NodeName}\" has no streaming endpoint registered");
    }

    private static HashSet<string> PodContainerNames(Pod pod) =>
        pod.Spec.Containers.Select(c => c.Name)
            .Concat(pod.Spec.InitContainers?.Select(c => c.Name) ?? [])
            .Concat(pod.Spec.EphemeralContainers?.Select(c => c.Name) ?? [])
            .ToHashSet();
}
