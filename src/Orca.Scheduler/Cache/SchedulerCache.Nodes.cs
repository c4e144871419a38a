using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Cache;

internal sealed partial class SchedulerCache
{
    public void AddNode(Node node) => UpdateNode(node);

    /// <summary>Adds or replaces a node; its pods (known earlier, e.g. bound before the node arrived) stay.</summary>
    public void UpdateNode(Node node)
    {
        var name = node.Metadata.Name ?? "";
        lock (_lock)
        {
            if (!_nodes.TryGetValue(name, out var entry))
            {
                entry = new LinkedListNode<NodeInfo>(new NodeInfo());
                _nodes[name] = entry;
                _byRecency.AddFirst(entry);
            }
            var info = entry.Value;
            if (info.Node is null)
            {
                _nodeCount++;
                _order.Add(name);
                _orderVersion++;
            }
            else
            {
                RemoveImagesLocked(info);
            }
            info.SetNode(node);
            info.ImageStates = AddImagesLocked(node);
            MoveToHead(entry);
        }
    }

    /// <summary>Removes a node. Its pods stay counted (under a node-less entry) until their own deletes arrive.</summary>
    public void RemoveNode(Node node)
    {
        var name = node.Metadata.Name ?? "";
        lock (_lock)
        {
            if (!_nodes.TryGetValue(name, out var entry) || entry.Value.Node is null) return;
            RemoveImagesLocked(entry.Value);
            entry.Value.ImageStates = new Dictionary<string, ImageState>();
            entry.Value.RemoveNode();
            _nodeCount--;
            _order.Remove(name);
            _orderVersion++;
            if (entry.Value.Pods.Count == 0)
            {
                _byRecency.Remove(entry);
                _nodes.Remove(name);
            }
            else
            {
                MoveToHead(entry);
            }
        }
    }

    /// <summary>
    /// Brings <paramref name="snapshot"/> up to date: copies every node changed since the snapshot's
    /// generation (walking the recency list from the head and stopping at the first older node), keeps
    /// snapshot entries in place (so lists that hold them stay valid), and rebuilds the node lists only
    /// when nodes came or went or a node started or stopped hosting pods with affinity.
    /// </summary>
    public void UpdateSnapshot(Snapshot snapshot)
    {
        lock (_lock)
        {
            var rebuildAll = snapshot.OrderVersion != _orderVersion;
            var rebuildAffinity = false;
            for (var entry = _byRecency.First; entry is not null; entry = entry.Next)
            {
                var live = entry.Value;
                if (live.Generation <= snapshot.Generation) break;
                if (live.Node is null) continue;
                if (!snapshot.Map.TryGetValue(live.Name, out var copy))
                {
                    copy = live.Clone();
                    snapshot.Map[live.Name] = copy;
                    snapshot.Affinity.NodeAdded(copy);
                    rebuildAll = true;
                    continue;
                }
                if ((copy.PodsWithAffinity.Count > 0) != (live.PodsWithAffinity.Count > 0)
                    || (copy.PodsWithRequiredAntiAffinity.Count > 0) != (live.PodsWithRequiredAntiAffinity.Count > 0))
                    rebuildAffinity = true;
                snapshot.Affinity.NodeChanged(copy, live);
                copy.CopyFrom(live);
            }
            if (_byRecency.First is { } head) snapshot.Generation = Math.Max(snapshot.Generation, head.Value.Generation);
            if (snapshot.Map.Count > _nodeCount)
            {
                foreach (var name in snapshot.Map.Keys.Where(n => !_nodes.TryGetValue(n, out var e) || e.Value.Node is null).ToList())
                {
                    snapshot.Map.Remove(name, out var gone);
                    snapshot.Affinity.NodeRemoved(gone!);
                }
                rebuildAll = true;
            }
            if (rebuildAll)
            {
                snapshot.NodeList = _order.Select(n => snapshot.Map[n]).ToList();
                snapshot.OrderVersion = _orderVersion;
            }
            if (rebuildAll || rebuildAffinity) snapshot.RebuildAffinityLists();
        }
    }

    /// <summary>Normalized image names of a node ("name:tag"; no tag means ":latest"), counted once per node.</summary>
    private Dictionary<string, ImageState> AddImagesLocked(Node node)
    {
        var states = new Dictionary<string, ImageState>(StringComparer.Ordinal);
        foreach (var image in node.Status.Images ?? [])
        {
            foreach (var raw in image.Names ?? [])
            {
                var name = ImageNames.Normalize(raw);
                if (states.ContainsKey(name)) continue;
                if (!_images.TryGetValue(name, out var state)) _images[name] = state = new ImageState(image.SizeBytes ?? 0);
                state.Size = image.SizeBytes ?? state.Size;
                state.AddNode();
                states[name] = state;
            }
        }
        return states;
    }

    private void RemoveImagesLocked(NodeInfo info)
    {
        foreach (var (name, state) in info.ImageStates)
        {
            state.RemoveNode();
            if (state.NumNodes <= 0) _images.Remove(name);
        }
    }
}

/// <summary>Image name normalization as the scheduler compares them.</summary>
internal static class ImageNames
{
    /// <summary>Appends ":latest" when the name has no tag (a ':' after the last '/').</summary>
    public static string Normalize(string name) =>
        name.LastIndexOf(':') <= name.LastIndexOf('/') ? name + ":latest" : name;
}
