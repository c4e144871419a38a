using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Selectors;
using Orca.Client;
using Orca.Controllers.Framework;

namespace Orca.Controllers.DaemonSets;

internal sealed partial class DaemonSetController
{
    /// <summary>
    /// DaemonSet events queue the DaemonSet; pod and revision events queue their controlling DaemonSet (and,
    /// for an orphan, every DaemonSet whose selector matches it, which may adopt it) and settle expectations;
    /// node events that can change where daemon pods belong (added, deleted, labels, taints, name) queue every
    /// DaemonSet.
    /// </summary>
    protected override IEnumerable<IDisposable> Watch()
    {
        yield return _daemonSets.AddEventHandler(Enqueue, (_, ds) => Enqueue(ds), Enqueue);
        yield return _pods.AddEventHandler(OnPodAdded, OnPodUpdated, OnPodDeleted);
        yield return _nodes.AddEventHandler(_ => EnqueueAll(), OnNodeUpdated, _ => EnqueueAll());
        yield return _revisions.AddEventHandler(EnqueueOwner, (_, r) => EnqueueOwner(r), EnqueueOwner);
    }

    private void OnPodAdded(Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            OnPodDeleted(pod);
            return;
        }
        if (OwnerOf(pod) is { } ds)
        {
            _expectations.CreationObserved(ObjectKey.Of(ds));
            Enqueue(ds);
            return;
        }
        EnqueueMatching(pod);
    }

    private void OnPodUpdated(Pod old, Pod pod)
    {
        if (OwnerOf(old) is { } previous && ControllerRefs.ControllerOf(pod)?.Uid != previous.Metadata.Uid) Enqueue(previous);
        if (OwnerOf(pod) is { } ds) Enqueue(ds);
        else EnqueueMatching(pod);
    }

    private void OnPodDeleted(Pod pod)
    {
        if (OwnerOf(pod) is not { } ds) return;
        _expectations.DeletionObserved(ObjectKey.Of(ds), pod.Metadata.Uid!);
        Enqueue(ds);
    }

    private void OnNodeUpdated(Node old, Node node)
    {
        var changed = !SameLabels(old.Metadata.Labels, node.Metadata.Labels)
            || !Api.Json.ApiJson.Serialize(old.Spec.Taints).AsSpan().SequenceEqual(Api.Json.ApiJson.Serialize(node.Spec.Taints));
        if (changed) EnqueueAll();
    }

    private static bool SameLabels(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a ?? new Dictionary<string, string>()).All(kv => b is not null && b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private void EnqueueOwner(ControllerRevision revision)
    {
        if (OwnerOf(revision) is { } ds) Enqueue(ds);
    }

    private void EnqueueAll()
    {
        foreach (var ds in _daemonSets.Lister.List()) Enqueue(ds);
    }

    /// <summary>Queues the DaemonSets of the object's namespace whose selector matches it (candidates to adopt it).</summary>
    private void EnqueueMatching(IKubeObject obj)
    {
        if (obj.Metadata.Labels is not { Count: > 0 }) return;
        foreach (var ds in _daemonSets.Lister.List(obj.Metadata.Namespace))
        {
            if (LabelSelectorConverter.TryConvert(ds.Spec.Selector, out var selector, out _) && !selector.IsEmpty && selector.Matches(obj.Metadata.Labels))
                Enqueue(ds);
        }
    }

    /// <summary>The cached DaemonSet the object's controller reference points to (same name and UID), if any.</summary>
    private DaemonSet? OwnerOf(IKubeObject obj)
    {
        if (ControllerRefs.ControllerOf(obj) is not { Kind: "DaemonSet" } owner) return null;
        var ds = _daemonSets.Lister.Get(obj.Metadata.Namespace, owner.Name);
        return ds?.Metadata.Uid == owner.Uid ? ds : null;
    }
}
