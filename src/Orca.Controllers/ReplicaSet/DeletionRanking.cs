using System.Globalization;
using Orca.Api.Core;
using Orca.Controllers.Framework;

namespace Orca.Controllers.ReplicaSets;

/// <summary>
/// Which pods a scale-down removes first, as Kubernetes ranks them (ActivePodsWithRanks): unassigned before
/// assigned; Pending before Unknown before Running; not ready before ready; lower
/// controller.kubernetes.io/pod-deletion-cost first; more pods of the same owner on the pod's node first;
/// ready for a shorter time first; more container restarts first; created later first. Times are compared
/// in logarithmic buckets (LogarithmicScaleDown), so pods of a similar age count as equal and the UID decides,
/// which spreads deletions instead of always picking the single newest pod.
/// </summary>
internal sealed class DeletionRanking(DateTimeOffset now, IReadOnlyDictionary<string, int> podsPerNode) : IComparer<Pod>
{
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    /// <summary>The first <paramref name="count"/> pods to delete out of <paramref name="pods"/>.</summary>
    public static List<Pod> PodsToDelete(IReadOnlyList<Pod> pods, int count, DateTimeOffset now)
    {
        if (count >= pods.Count) return [.. pods];
        var perNode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in pods)
        {
            if (p.Spec.NodeName is { Length: > 0 } node) perNode[node] = perNode.GetValueOrDefault(node) + 1;
        }
        var sorted = pods.ToList();
        sorted.Sort(new DeletionRanking(now, perNode));
        return sorted.GetRange(0, count);
    }

    public int Compare(Pod? x, Pod? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int c;
        if ((c = Assigned(x).CompareTo(Assigned(y))) != 0) return c;
        if ((c = PhaseOrder(x).CompareTo(PhaseOrder(y))) != 0) return c;
        if ((c = PodState.IsReady(x).CompareTo(PodState.IsReady(y))) != 0) return c;
        if ((c = DeletionCost(x).CompareTo(DeletionCost(y))) != 0) return c;
        if ((c = OnNode(y).CompareTo(OnNode(x))) != 0) return c;
        if (PodState.ReadySince(x) is { } rx && PodState.ReadySince(y) is { } ry && (c = AgeBucket(rx).CompareTo(AgeBucket(ry))) != 0) return c;
        if ((c = PodState.MaxRestarts(y).CompareTo(PodState.MaxRestarts(x))) != 0) return c;
        if ((c = AgeBucket(x.Metadata.CreationTimestamp).CompareTo(AgeBucket(y.Metadata.CreationTimestamp))) != 0) return c;
        return string.CompareOrdinal(x.Metadata.Uid, y.Metadata.Uid);
    }

    private static int Assigned(Pod p) => string.IsNullOrEmpty(p.Spec.NodeName) ? 0 : 1;

    private static int PhaseOrder(Pod p) => p.Status?.Phase switch
    {
        PodPhase.Pending => 0,
        PodPhase.Unknown => 1,
        PodPhase.Running => 2,
        _ => 3,
    };

    private static int DeletionCost(Pod p) =>
        p.Metadata.Annotations?.GetValueOrDefault(DeletionCostAnnotation) is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cost) ? cost : 0;

    private int OnNode(Pod p) => p.Spec.NodeName is { Length: > 0 } node ? podsPerNode.GetValueOrDefault(node) : 0;

    /// <summary>Age as floor(log2(seconds)) (younger → smaller); an unknown time sorts as youngest.</summary>
    private int AgeBucket(DateTimeOffset? at)
    {
        if (at is null || at == DateTimeOffset.MinValue) return -1;
        var seconds = (now - at.Value).TotalSeconds;
        return seconds < 1 ? 0 : 1 + (int)Math.Floor(Math.Log2(seconds));
    }
}
