using Orca.Scheduler.Cache;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins;

/// <summary>
/// Prefers nodes that already hold the pod's images, weighted by image size and by how widely the
/// image is spread (an image on every node gives no node an edge). Scores between a 23 MB floor and
/// 1000 MB per container.
/// </summary>
internal sealed class ImageLocality(FrameworkHandle handle) : IScorePlugin
{
    private const long Mb = 1024 * 1024;
    private const long MinThreshold = 23 * Mb;
    private const long MaxContainerThreshold = 1000 * Mb;

    public string Name => Names.ImageLocality;

    public (long Score, Status Status) Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (node.ImageStates.Count == 0) return (0, Status.Success);
        var total = handle.Snapshot.Nodes.Count;
        long sum = 0;
        var containers = 0;
        foreach (var c in pod.Pod.Spec.InitContainers ?? [])
        {
            sum += ImageScore(node, c.Image, total);
            containers++;
        }
        foreach (var c in pod.Pod.Spec.Containers)
        {
            sum += ImageScore(node, c.Image, total);
            containers++;
        }
        return (Scale(sum, containers), Status.Success);
    }

    private static long ImageScore(NodeInfo node, string? image, int totalNodes)
    {
        if (string.IsNullOrEmpty(image) || totalNodes == 0) return 0;
        if (!node.ImageStates.TryGetValue(ImageNames.Normalize(image), out var s)) return 0;
        return (long)(s.Size * ((double)s.NumNodes / totalNodes));
    }

    private static long Scale(long sum, int containers)
    {
        var max = MaxContainerThreshold * containers;
        sum = Math.Clamp(sum, MinThreshold, Math.Max(MinThreshold, max));
        return max <= MinThreshold ? 0 : SchedulingFramework.MaxNodeScore * (sum - MinThreshold) / (max - MinThreshold);
    }
}
