using Orca.Api;
using Orca.Api.Meta;

namespace Orca.Controllers.GarbageCollector;

internal sealed partial class GarbageCollector
{
    /// <summary>What an owner reference points at, as Kubernetes' collector sorts them.</summary>
    private enum OwnerState
    {
        /// <summary>The owner exists and is not waiting for its dependents (or cannot be resolved: kept to be safe).</summary>
        Solid,
        /// <summary>No object with that name and UID exists.</summary>
        Dangling,
        /// <summary>The owner is being deleted in the foreground and waits for its dependents.</summary>
        Waiting,
    }

    /// <summary>
    /// A dependent's turn: with a solid owner it only sheds dangling and waiting references; otherwise it is
    /// deleted — in the foreground when an owner waits for it and it has dependents of its own (so the
    /// owner's wait covers the whole subtree), else with the policy its own finalizers name (background by default).
    /// </summary>
    private async Task AttemptToDeleteAsync(IGcResource resource, IKubeObject obj, CancellationToken ct)
    {
        var refs = obj.Metadata.OwnerReferences!;
        var states = new List<(OwnerReference Ref, OwnerState State)>(refs.Count);
        foreach (var r in refs) states.Add((r, await ClassifyAsync(resource, obj, r, ct)));
        var uid = obj.Metadata.Uid!;
        if (states.Any(s => s.State == OwnerState.Solid))
        {
            var dropped = states.Where(s => s.State != OwnerState.Solid).Select(s => s.Ref.Uid).ToHashSet();
            if (dropped.Count == 0) return;
            LogDroppingOwners(Logger, KeyOf(obj), uid, string.Join(",", dropped));
            await resource.SetOwnersAsync(obj, refs.Where(r => !dropped.Contains(r.Uid)).ToList(), ct);
            return;
        }
        var policy = states.Any(s => s.State == OwnerState.Waiting) && DependentsOf(uid).Count > 0
            ? "Foreground"
            : PolicyOf(obj.Metadata);
        LogDeleting(Logger, KeyOf(obj), uid, policy);
        await resource.DeleteAsync(obj, policy, ct);
    }

    private static string PolicyOf(ObjectMeta meta) =>
        meta.Finalizers?.Contains(OrphanFinalizer) == true ? "Orphan"
        : meta.Finalizers?.Contains(ForegroundFinalizer) == true ? "Foreground"
        : "Background";

    /// <summary>
    /// Resolves one owner reference. The cache answers when it holds the owner with that UID; otherwise a live
    /// read decides (the owner may simply not have reached this informer yet). A namespaced owner of a
    /// cluster-scoped object cannot exist, so such a reference is dangling.
    /// </summary>
    private async Task<OwnerState> ClassifyAsync(IGcResource dependentResource, IKubeObject dependent, OwnerReference r, CancellationToken ct)
    {
        var ownerResource = ResourceOf(r);
        if (ownerResource is null) return OwnerState.Solid;
        if (ownerResource.Info.Namespaced && !dependentResource.Info.Namespaced) return OwnerState.Dangling;
        var ns = dependent.Metadata.Namespace;
        var owner = ownerResource.Cached(ns, r.Name);
        if (owner?.Metadata.Uid != r.Uid) owner = await ownerResource.GetAsync(ns, r.Name, ct);
        if (owner is null || owner.Metadata.Uid != r.Uid) return OwnerState.Dangling;
        var m = owner.Metadata;
        return m.DeletionTimestamp is not null && m.Finalizers?.Contains(ForegroundFinalizer) == true ? OwnerState.Waiting : OwnerState.Solid;
    }

    /// <summary>The tracked resource of an owner reference's apiVersion (group only; any version) and kind.</summary>
    private IGcResource? ResourceOf(OwnerReference r)
    {
        var slash = r.ApiVersion.IndexOf('/');
        var group = slash < 0 ? "" : r.ApiVersion[..slash];
        return _resources.FirstOrDefault(x => x.Info.Group == group && x.Info.Kind == r.Kind);
    }
}
