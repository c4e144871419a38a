using Orca.Api.Core;

namespace Orca.Sim;

/// <summary>What a pod worker should do next with a pod, and after how long.</summary>
internal readonly record struct PodWork(HollowPod Pod, TimeSpan Delay);

/// <summary>
/// The pods bound to this sim's nodes, by uid, in compact form. Turns what the watch reports into state
/// moves (admission, IP allocation, deletion seen, finished or gone) and tells the caller which pod needs
/// a worker. One lock guards every pod's mutable fields and the nodes' pod accounting; critical sections
/// are short and do no I/O. Thread-safe.
/// </summary>
internal sealed class PodTable(IReadOnlyDictionary<string, HollowNode> nodes, HollowOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HollowPod> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _namespaces = new(StringComparer.Ordinal);
    private readonly PodShapes _shapes = new();
    private int _generation;

    public Lock Sync => _lock;

    public int Count
    {
        get { lock (_lock) return _pods.Count; }
    }

    /// <summary>The node of a name, when it is one of this sim's.</summary>
    public HollowNode? NodeOf(string? name) => name is not null && nodes.TryGetValue(name, out var n) ? n : null;

    /// <summary>
    /// Takes in the latest state of a pod from a list or watch. Pods on other nodes are ignored; finished pods
    /// are forgotten; a new pod is admitted (or rejected when its node is full); a deletion starts the grace
    /// wait. Returns the work to queue, if any.
    /// </summary>
    public PodWork? Observe(Pod pod)
    {
        var node = NodeOf(pod.Spec.NodeName);
        var uid = pod.Metadata.Uid;
        if (node is null || string.IsNullOrEmpty(uid)) return null;
        var finished = pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed;
        lock (_lock)
        {
            _pods.TryGetValue(uid, out var known);
            if (finished)
            {
                if (known is not null) RemoveLocked(known);
                return null;
            }
            if (known is null)
            {
                known = AdmitLocked(pod, node, uid);
                _pods[uid] = known;
                if (pod.Metadata.DeletionTimestamp is null) return WorkFor(known);
            }
            known.SeenGeneration = _generation;
            if (pod.Metadata.DeletionTimestamp is null || known.State is HollowPodState.Terminating or HollowPodState.Confirmed) return null;
            var grace = TimeSpan.FromSeconds(Math.Max(0, pod.Metadata.DeletionGracePeriodSeconds ?? 30));
            if (grace > options.MaxGracePeriod) grace = options.MaxGracePeriod;
            known.Deadline = time.GetUtcNow().UtcTicks + grace.Ticks;
            known.MoveTo(HollowPodState.Terminating);
            return new PodWork(known, grace);
        }
    }

    /// <summary>The watch reported the pod deleted: forget it and free its slot and IP.</summary>
    public void Forget(string? uid)
    {
        if (uid is null) return;
        lock (_lock)
        {
            if (_pods.TryGetValue(uid, out var pod)) RemoveLocked(pod);
        }
    }

    /// <summary>Starts a relist: pods not observed again before <see cref="EndRelist"/> are gone.</summary>
    public void BeginRelist()
    {
        lock (_lock) _generation++;
    }

    /// <summary>Forgets every pod the relist did not see; returns how many.</summary>
    public int EndRelist()
    {
        lock (_lock)
        {
            var gone = _pods.Values.Where(p => p.SeenGeneration != _generation).ToList();
            foreach (var pod in gone) RemoveLocked(pod);
            return gone.Count;
        }
    }

    /// <summary>True while this very pod (not a newer one of that uid) is tracked. Call under <see cref="Sync"/>.</summary>
    public bool ContainsLocked(HollowPod pod) => _pods.TryGetValue(pod.Uid, out var p) && ReferenceEquals(p, pod);

    /// <summary>Ends a pod's claim on its node (terminal status written): the slot and IP go back.</summary>
    public void ReleaseLocked(HollowPod pod)
    {
        if (!pod.HoldsSlot) return;
        pod.HoldsSlot = false;
        pod.Node.ActivePods--;
        pod.Node.Release(pod.IpHost);
    }

    /// <summary>How many pods are in each state.</summary>
    public Dictionary<HollowPodState, int> CountByState()
    {
        lock (_lock) return _pods.Values.GroupBy(p => p.State).ToDictionary(g => g.Key, g => g.Count());
    }

    public int Shapes => _shapes.Count;

    private HollowPod AdmitLocked(Pod pod, HollowNode node, string uid)
    {
        var ns = Intern(pod.Metadata.Namespace ?? "default");
        var known = new HollowPod(uid, ns, pod.Metadata.Name ?? "", node, _shapes.Of(pod.Spec))
        {
            HasScheduledCondition = pod.Status.Conditions?.Any(c => c.Type == "PodScheduled") == true,
            SeenGeneration = _generation,
            StartedAt = (pod.Status.StartTime ?? time.GetUtcNow()).UtcTicks,
            ExitCode = PodShape.ExitCodeOf(pod.Metadata.Annotations),
        };
        if (pod.Metadata.DeletionTimestamp is not null) return known;
        if (node.ActivePods >= options.MaxPods)
        {
            known.MoveTo(HollowPodState.Rejected);
            return known;
        }
        node.ActivePods++;
        known.HoldsSlot = true;
        if (pod.Status.Phase == PodPhase.Running && TryAdopt(pod, node, out var host))
        {
            known.IpHost = host;
            known.MoveTo(HollowPodState.Running);
            ScheduleCompletionLocked(known);
        }
        else if (node.TryAllocateIp(out host))
        {
            known.IpHost = host;
        }
        return known;
    }

    /// <summary>A pod found running with an address of its node's range keeps that address (the sim restarted).</summary>
    private static bool TryAdopt(Pod pod, HollowNode node, out byte host)
    {
        host = 0;
        if (!Ipv4Range.TryParseAddress(pod.Status.PodIP, out var ip) || (ip & 0xFFFFFF00u) != node.PodNetwork) return false;
        host = (byte)(ip & 0xFF);
        return host is > 1 and < 255 && node.Claim(host);
    }

    /// <summary>Sets the run-time deadline of a running pod that may complete (only with a configured pod run time).</summary>
    public void ScheduleCompletionLocked(HollowPod pod)
    {
        if (options.PodRunTime is { } run && pod.Shape.MayComplete) pod.Deadline = pod.StartedAt + run.Ticks;
    }

    /// <summary>The first work of a newly admitted pod.</summary>
    private PodWork? WorkFor(HollowPod pod) => pod.State switch
    {
        HollowPodState.Starting or HollowPodState.Rejected => new PodWork(pod, TimeSpan.Zero),
        HollowPodState.Running when pod.Deadline != 0 => new PodWork(pod, TimeSpan.FromTicks(Math.Max(0, pod.Deadline - time.GetUtcNow().UtcTicks))),
        _ => null,
    };

    private void RemoveLocked(HollowPod pod)
    {
        ReleaseLocked(pod);
        _pods.Remove(pod.Uid);
    }

    private string Intern(string ns)
    {
        if (_namespaces.TryGetValue(ns, out var interned)) return interned;
        _namespaces[ns] = ns;
        return ns;
    }
}
