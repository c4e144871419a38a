using Orca.Api.Core;
using Orca.Api.Selectors;
using NodeObject = Orca.Api.Core.Node;

namespace Orca.Agent.Pods;

/// <summary>
/// The kubelet's admission of a pod new to the node, before anything of it runs: refused under node pressure
/// (any pressure refuses every pod, memory pressure alone only BestEffort pods that do not tolerate it; critical
/// pods always pass), for another OS, or when the node cannot hold it beside the pods it already admitted —
/// pod count and resource requests against allocatable, the required node selector and affinity, host ports,
/// and NoExecute taints the pod does not tolerate. A refused pod fails at once: phase Failed with the reason
/// (OutOfcpu, OutOfmemory, OutOfpods, Evicted, NodeAffinity, …), the message "Pod was rejected: …" and a
/// Warning event with that reason. Static pods are not checked (the kubelet would make room for them).
/// </summary>
internal sealed class PodAdmitter(Func<NodeObject?> node, Func<IReadOnlyList<string>> pressureConditions, PodEventSink events)
{
    public const int SystemCriticalPriority = 2_000_000_000;

    /// <summary>The verdict refusing <paramref name="pod"/>, or null when it is admitted; a refusal is also recorded as an event.</summary>
    public PodVerdict? Admit(Pod pod, IReadOnlyCollection<Pod> admitted)
    {
        if (Refusal(pod, node(), admitted, pressureConditions()) is not { } refused) return null;
        events(pod, "Warning", refused.Reason, refused.Message);
        return new PodVerdict(refused.Reason, PodVerdict.RejectedPrefix + refused.Message, TimeSpan.Zero, Rejected: true);
    }

    /// <summary>Why the node refuses the pod (reason, message), or null.</summary>
    public static (string Reason, string Message)? Refusal(Pod pod, NodeObject? node, IReadOnlyCollection<Pod> admitted, IReadOnlyList<string> pressure)
    {
        if (PressureRefuses(pod, pressure)) return ("Evicted", $"The node had condition: [{string.Join(' ', pressure)}]. ");
        if (pod.Metadata.Labels?.GetValueOrDefault("kubernetes.io/os") is { } os && os != "linux")
            return ("PodOSSelectorNodeLabelDoesNotMatch", "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label");
        if (pod.Spec.OS?.Name is { } osName && osName != "linux")
            return ("PodOSNotSupported", "Failed to admit pod as the OS field doesn't match node OS");
        if (node is null) return null;
        if (Insufficient(pod, node, admitted) is { } resource)
            return (resource.Name switch { "cpu" => "OutOfcpu", "memory" => "OutOfmemory", "ephemeral-storage" => "OutOfephemeral-storage", "pods" => "OutOfpods", _ => "OutOf" + resource.Name },
                $"Node didn't have enough resource: {resource.Name}, requested: {resource.Requested}, used: {resource.Used}, capacity: {resource.Capacity}");
        if (!RequiredNodeAffinity.Of(pod).Matches(node))
            return Predicate("NodeAffinity", "node(s) didn't match Pod's node affinity/selector");
        if (PortsConflict(pod, admitted))
            return Predicate("NodePorts", "node(s) didn't have free ports for the requested pod ports");
        if (Taints.FindUntolerated(node.Spec.Taints, pod.Spec.Tolerations, t => t.Effect == TaintEffect.NoExecute) is not null)
            return Predicate("TaintToleration", "node(s) had taints that the pod didn't tolerate");
        return null;
    }

    private static (string, string) Predicate(string name, string reason) => (name, $"Predicate {name} failed: {reason}");

    private static bool PressureRefuses(Pod pod, IReadOnlyList<string> pressure)
    {
        if (pressure.Count == 0 || (pod.Spec.Priority ?? 0) >= SystemCriticalPriority) return false;
        if (pressure is not ["MemoryPressure"]) return true;
        if (Translate.QosClass.Of(pod) != "BestEffort") return false;
        return !Taints.AnyTolerates(pod.Spec.Tolerations, new Taint { Key = "node.kubernetes.io/memory-pressure", Effect = TaintEffect.NoSchedule });
    }

    /// <summary>The first resource the node lacks for the pod (pods, cpu, memory, ephemeral-storage, then the others it offers).</summary>
    private static (string Name, long Requested, long Used, long Capacity)? Insufficient(Pod pod, NodeObject node, IReadOnlyCollection<Pod> admitted)
    {
        var allocatable = PodResourceRequests.Amounts(node.Status.Allocatable);
        if (allocatable.TryGetValue("pods", out var maxPods) && admitted.Count + 1 > maxPods) return ("pods", 1, admitted.Count, maxPods);
        var wants = PodResourceRequests.Of(pod.Spec);
        var used = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var other in admitted)
        {
            foreach (var (name, v) in PodResourceRequests.Of(other.Spec)) used[name] = used.GetValueOrDefault(name) + v;
        }
        string[] first = ["cpu", "memory", "ephemeral-storage"];
        foreach (var name in first.Concat(wants.Keys.Where(k => !first.Contains(k)).Order(StringComparer.Ordinal)))
        {
            var want = wants.GetValueOrDefault(name);
            if (want <= 0) continue;
            // A resource the node does not offer at all: native ones count as zero capacity; extended resources
            // the node does not know are left to the cluster (as the kubelet drops them before checking).
            if (!allocatable.TryGetValue(name, out var capacity) && name.Contains('/') && !name.Contains("kubernetes.io/", StringComparison.Ordinal)) continue;
            var inUse = used.GetValueOrDefault(name);
            if (want > capacity - inUse) return (name, want, inUse, capacity);
        }
        return null;
    }

    private static bool PortsConflict(Pod pod, IReadOnlyCollection<Pod> admitted)
    {
        var wanted = HostPorts(pod).ToList();
        if (wanted.Count == 0) return false;
        return admitted.SelectMany(HostPorts).Any(taken => wanted.Any(w => w.Port == taken.Port && w.Protocol == taken.Protocol
            && (w.Ip == taken.Ip || w.Ip == "0.0.0.0" || taken.Ip == "0.0.0.0")));
    }

    private static IEnumerable<(int Port, string Protocol, string Ip)> HostPorts(Pod pod) =>
        (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers)
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.HostPort is > 0)
            .Select(p => (p.HostPort!.Value, p.Protocol ?? "TCP", string.IsNullOrEmpty(p.HostIP) ? "0.0.0.0" : p.HostIP));
}
