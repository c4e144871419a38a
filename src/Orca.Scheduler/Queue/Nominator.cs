using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Queue;

/// <summary>
/// Which pods are nominated to which node (by preemption in this process, or by status.nominatedNodeName
/// seen on the pod). Filters count nominated pods of equal or higher priority as if already there.
/// Thread-safe.
/// </summary>
internal sealed class Nominator : IPodNominator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PodInfo>> _byNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nodeOf = new(StringComparer.Ordinal);
    private volatile bool _any;

    public bool Any => _any;

    public IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName)
    {
        lock (_lock) return _byNode.TryGetValue(nodeName, out var list) ? list.ToArray() : [];
    }

    /// <summary>
    /// Records the pod's nomination: <paramref name="nodeName"/> when given, else the pod's
    /// status.nominatedNodeName; none clears it.
    /// </summary>
    public void Add(PodInfo pod, string? nodeName = null)
    {
        lock (_lock)
        {
            RemoveLocked(pod.Uid);
            var node = nodeName ?? pod.Pod.Status.NominatedNodeName;
            if (string.IsNullOrEmpty(node)) return;
            _nodeOf[pod.Uid] = node;
            if (!_byNode.TryGetValue(node, out var list)) _byNode[node] = list = [];
            list.Add(pod);
            _any = true;
        }
    }

    /// <summary>Keeps a nomination made in this process when the informer's copy does not show it yet.</summary>
    public void Update(PodInfo old, PodInfo updated)
    {
        string? keep = null;
        lock (_lock)
        {
            if (string.IsNullOrEmpty(old.Pod.Status.NominatedNodeName) && string.IsNullOrEmpty(updated.Pod.Status.NominatedNodeName)
                && _nodeOf.TryGetValue(old.Uid, out var node)) keep = node;
        }
        Add(updated, keep);
    }

    public void Delete(PodInfo pod)
    {
        lock (_lock) RemoveLocked(pod.Uid);
    }

    private void RemoveLocked(string uid)
    {
        if (!_nodeOf.Remove(uid, out var node)) return;
        if (_byNode.TryGetValue(node, out var list))
        {
            list.RemoveAll(p => p.Uid == uid);
            if (list.Count == 0) _byNode.Remove(node);
        }
        _any = _nodeOf.Count > 0;
    }
}
