using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Cache;

/// <summary>
/// The scheduler's view of where pods run: every node with its pods, including pods the scheduler
/// has <em>assumed</em> — decided and being bound, but not yet seen bound by the informer — so that
/// the next cycles count them against the node. A failed binding forgets the assumption; the informer's
/// confirmation replaces it. Nodes are kept in a list ordered by last change so that
/// <see cref="UpdateSnapshot"/> copies only what changed since the previous cycle.
/// Thread-safe (one lock); informer handlers, the scheduling thread and binding tasks all call in.
/// </summary>
internal sealed partial class SchedulerCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<NodeInfo>> _nodes = new(StringComparer.Ordinal);
    private readonly LinkedList<NodeInfo> _byRecency = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, PodState> _pods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _assumed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImageState> _images = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _assumedTtl;
    private int _nodeCount;
    private long _orderVersion = 1;

    /// <param name="assumedTtl">
    /// How long an assumed pod whose binding finished may stay unconfirmed before it is dropped;
    /// zero (the default, as upstream) keeps it until the informer confirms or deletes it.
    /// </param>
    public SchedulerCache(TimeProvider time, TimeSpan assumedTtl = default)
    {
        _time = time;
        _assumedTtl = assumedTtl;
    }

    private sealed class PodState(PodInfo pod)
    {
        public PodInfo Pod { get; set; } = pod;
        public bool BindingFinished { get; set; }
        public DateTimeOffset? Deadline { get; set; }
    }

    /// <summary>Nodes with a Node object.</summary>
    public int NodeCount
    {
        get { lock (_lock) return _nodeCount; }
    }

    public int PodCount
    {
        get { lock (_lock) return _pods.Count; }
    }

    public bool IsAssumed(string uid)
    {
        lock (_lock) return _assumed.Contains(uid);
    }

    /// <summary>The cached pod with this uid (assumed or confirmed), if any.</summary>
    public PodInfo? GetPod(string uid)
    {
        lock (_lock) return _pods.TryGetValue(uid, out var s) ? s.Pod : null;
    }

    /// <summary>
    /// Counts the pod on <paramref name="nodeName"/> before it is bound. The pod must not be in the cache yet
    /// (a second assume of the same pod is a bug and throws).
    /// </summary>
    public void AssumePod(PodInfo pod, string nodeName)
    {
        lock (_lock)
        {
            if (_pods.ContainsKey(pod.Uid)) throw new InvalidOperationException($"pod {pod.Key} is in the cache, so can't be assumed");
            var placed = pod.Pod.Spec.NodeName == nodeName ? pod : Placed(pod, nodeName);
            AddPodLocked(placed);
            _pods[pod.Uid] = new PodState(placed);
            _assumed.Add(pod.Uid);
        }
    }

    /// <summary>Marks the assumed pod's binding as done; starts its expiry clock when a TTL is set.</summary>
    public void FinishBinding(PodInfo pod)
    {
        lock (_lock)
        {
            if (!_assumed.Contains(pod.Uid) || !_pods.TryGetValue(pod.Uid, out var state)) return;
            state.BindingFinished = true;
            if (_assumedTtl > TimeSpan.Zero) state.Deadline = _time.GetUtcNow() + _assumedTtl;
        }
    }

    /// <summary>Undoes <see cref="AssumePod"/> (binding failed). A pod no longer assumed is left alone.</summary>
    public void ForgetPod(PodInfo pod)
    {
        lock (_lock)
        {
            if (!_assumed.Remove(pod.Uid) || !_pods.Remove(pod.Uid, out var state)) return;
            RemovePodLocked(state.Pod);
        }
    }

    /// <summary>
    /// The informer saw a bound pod. An assumed pod is confirmed (moved if it landed elsewhere); an
    /// unknown one is added; a known one is updated.
    /// </summary>
    public void AddPod(Pod pod)
    {
        var info = new PodInfo(pod);
        lock (_lock)
        {
            if (_pods.TryGetValue(info.Uid, out var state))
            {
                RemovePodLocked(state.Pod);
                _assumed.Remove(info.Uid);
            }
            AddPodLocked(info);
            _pods[info.Uid] = new PodState(info) { BindingFinished = true };
        }
    }

    public void UpdatePod(Pod pod) => AddPod(pod);

    /// <summary>The pod is gone (deleted, or finished): its node gets its resources back.</summary>
    public void RemovePod(Pod pod)
    {
        var uid = pod.Metadata.Uid ?? $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
        lock (_lock)
        {
            if (!_pods.Remove(uid, out var state)) return;
            _assumed.Remove(uid);
            RemovePodLocked(state.Pod);
        }
    }

    /// <summary>Drops assumed pods whose binding finished longer than the TTL ago; returns how many.</summary>
    public int CleanupExpiredAssumedPods()
    {
        if (_assumedTtl <= TimeSpan.Zero) return 0;
        var now = _time.GetUtcNow();
        var expired = 0;
        lock (_lock)
        {
            foreach (var uid in _assumed.ToList())
            {
                var state = _pods[uid];
                if (!state.BindingFinished || state.Deadline is not { } deadline || now < deadline) continue;
                _assumed.Remove(uid);
                _pods.Remove(uid);
                RemovePodLocked(state.Pod);
                expired++;
            }
        }
        return expired;
    }

    private static PodInfo Placed(PodInfo pod, string nodeName)
    {
        var copy = pod.Pod with { Spec = pod.Pod.Spec with { NodeName = nodeName } };
        return new PodInfo(copy);
    }

    private void AddPodLocked(PodInfo pod)
    {
        var name = pod.Pod.Spec.NodeName ?? "";
        if (!_nodes.TryGetValue(name, out var entry))
        {
            entry = new LinkedListNode<NodeInfo>(new NodeInfo());
            _nodes[name] = entry;
            _byRecency.AddFirst(entry);
        }
        entry.Value.AddPod(pod);
        MoveToHead(entry);
    }

    private void RemovePodLocked(PodInfo pod)
    {
        var name = pod.Pod.Spec.NodeName ?? "";
        if (!_nodes.TryGetValue(name, out var entry)) return;
        entry.Value.RemovePod(pod.Uid);
        if (entry.Value.Node is null && entry.Value.Pods.Count == 0)
        {
            _byRecency.Remove(entry);
            _nodes.Remove(name);
        }
        else
        {
            MoveToHead(entry);
        }
    }

    private void MoveToHead(LinkedListNode<NodeInfo> entry)
    {
        if (_byRecency.First == entry) return;
        _byRecency.Remove(entry);
        _byRecency.AddFirst(entry);
    }
}
