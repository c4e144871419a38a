using Orca.Api.Core;

namespace Orca.Controllers.NodeLifecycle;

/// <summary>
/// The taints the node lifecycle controller owns, derived from a node's conditions as Kubernetes does:
/// NoExecute not-ready / unreachable from the Ready condition (what taint eviction acts on), and the
/// NoSchedule "taint by condition" set (Ready, the pressure conditions, NetworkUnavailable, spec.unschedulable).
/// Pure functions; callers pass a copy they may change.
/// </summary>
internal static class NodeTaints
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
    public const string NoExecute = "NoExecute";
    public const string NoSchedule = "NoSchedule";

    private static readonly (string Condition, string Status, string Key)[] s_byCondition =
    [
        ("MemoryPressure", "True", "node.kubernetes.io/memory-pressure"),
        ("DiskPressure", "True", "node.kubernetes.io/disk-pressure"),
        ("PIDPressure", "True", "node.kubernetes.io/pid-pressure"),
        ("NetworkUnavailable", "True", "node.kubernetes.io/network-unavailable"),
    ];

    private static readonly HashSet<(string, string)> s_managed =
    [
        (NotReady, NoExecute), (Unreachable, NoExecute), (NotReady, NoSchedule), (Unreachable, NoSchedule), (Unschedulable, NoSchedule),
        .. s_byCondition.Select(c => (c.Key, NoSchedule)),
    ];

    /// <summary>The Ready condition's status ("True", "False", "Unknown"), or null before the node posted one.</summary>
    public static string? ReadyStatus(Node node) =>
        node.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    /// <summary>
    /// The node's taints with the managed ones replaced by what its conditions call for. A managed taint that
    /// stays keeps its timeAdded; a new NoExecute taint is stamped <paramref name="now"/> (eviction counts from it).
    /// </summary>
    public static List<Taint> Desired(Node node, DateTimeOffset now)
    {
        var wanted = new List<(string Key, string Effect)>();
        switch (ReadyStatus(node))
        {
            case "False":
                wanted.Add((NotReady, NoExecute));
                wanted.Add((NotReady, NoSchedule));
                break;
            case "Unknown":
                wanted.Add((Unreachable, NoExecute));
                wanted.Add((Unreachable, NoSchedule));
                break;
        }
        foreach (var (condition, status, key) in s_byCondition)
            if (node.Status.Conditions?.Any(c => c.Type == condition && c.Status == status) == true) wanted.Add((key, NoSchedule));
        if (node.Spec.Unschedulable == true) wanted.Add((Unschedulable, NoSchedule));

        var existing = node.Spec.Taints ?? [];
        var result = existing.Where(t => !s_managed.Contains((t.Key, t.Effect))).ToList();
        foreach (var (key, effect) in wanted)
        {
            var kept = existing.FirstOrDefault(t => t.Key == key && t.Effect == effect);
            result.Add(kept ?? new Taint { Key = key, Effect = effect, TimeAdded = effect == NoExecute ? TruncateToSeconds(now) : null });
        }
        return result;
    }

    /// <summary>True when the two lists hold the same taints (order ignored).</summary>
    public static bool Same(IReadOnlyList<Taint>? a, IReadOnlyList<Taint>? b) =>
        (a ?? []).Count == (b ?? []).Count && (a ?? []).All(t => (b ?? []).Contains(t));

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
