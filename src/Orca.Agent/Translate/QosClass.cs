using Orca.Api.Core;

namespace Orca.Agent.Translate;

/// <summary>The pod's QoS class as Kubernetes computes it from cpu and memory requests and limits.</summary>
internal static class QosClass
{
    public static string Of(Pod pod)
    {
        var containers = (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers).ToList();
        var any = false;
        var guaranteed = true;
        foreach (var c in containers)
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = c.Resources?.Requests?.GetValueOrDefault(resource);
                var limit = c.Resources?.Limits?.GetValueOrDefault(resource);
                if (request is { IsZero: false } || limit is { IsZero: false }) any = true;
                if (limit is not { IsZero: false }) guaranteed = false;
                else if (request is { IsZero: false } r && r != limit) guaranteed = false;
            }
        }
        if (!any) return "BestEffort";
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    /// <summary>The pod's cgroup parent below the runtime's root, by QoS class.</summary>
    public static string CgroupParent(Pod pod) => Of(pod) switch
    {
        "Guaranteed" => $"/orca/pod{pod.Metadata.Uid}",
        "Burstable" => $"/orca/burstable/pod{pod.Metadata.Uid}",
        _ => $"/orca/besteffort/pod{pod.Metadata.Uid}",
    };
}
