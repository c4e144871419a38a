using Orca.Api;
using Orca.Api.Core;

namespace Orca.Agent.Eviction;

/// <summary>One container's use of the resource being reclaimed, and its request of it (bytes or inodes).</summary>
internal sealed record ContainerUsage(string Name, long Usage, long Request);

/// <summary>
/// A pod's use of the resource being reclaimed: its containers', plus what belongs to the pod alone
/// (its emptyDir volumes, for disk).
/// </summary>
internal sealed record PodUsage(Pod Pod, IReadOnlyList<ContainerUsage> Containers, long PodLevel = 0)
{
    public long Usage => Containers.Sum(c => c.Usage) + PodLevel;

    public long Request => Containers.Sum(c => c.Request);

    public static long RequestOf(Container c, string resource) =>
        c.Resources?.Requests?.TryGetValue(resource, out var q) == true ? q.Value() : 0;
}

/// <summary>
/// The kubelet's eviction order under pressure: pods using more than they requested first, then lower
/// priority first, then by how far use exceeds the request, largest first. A BestEffort pod requests
/// nothing, so any use exceeds it; a Guaranteed pod within its requests comes last.
/// </summary>
internal static class EvictionRanking
{
    public static IReadOnlyList<PodUsage> Rank(IEnumerable<PodUsage> pods) =>
        pods.OrderByDescending(p => p.Usage > p.Request)
            .ThenBy(p => p.Pod.Spec.Priority ?? 0)
            .ThenByDescending(p => p.Usage - p.Request)
            .ToList();

    /// <summary>
    /// The status message of an evicted pod, worded as the kubelet's: the resource, the threshold and
    /// what was available, then every container using more than its request.
    /// </summary>
    public static string Message(string resource, EvictionThreshold threshold, long available, long capacity, PodUsage usage)
    {
        var format = resource == "inodes" ? QuantityFormat.DecimalSI : QuantityFormat.BinarySI;
        var text = new System.Text.StringBuilder($"The node was low on resource: {resource}. ");
        var quantity = threshold.Quantity ?? Quantity.FromValue(threshold.Value(capacity), format);
        text.Append($"Threshold quantity: {quantity}, available: {Quantity.FromValue(available, format)}. ");
        if (resource != "inodes")
        {
            foreach (var c in usage.Containers.Where(c => c.Usage > c.Request))
                text.Append($"Container {c.Name} was using {Quantity.FromValue(c.Usage, format)}, request is {Quantity.FromValue(c.Request, format)}, has larger consumption of {resource}. ");
        }
        return text.ToString();
    }
}
