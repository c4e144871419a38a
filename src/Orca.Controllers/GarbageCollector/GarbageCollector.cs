using Microsoft.Extensions.Logging;
using Orca.Api;
using Orca.Api.Meta;
using Orca.Controllers.Framework;

namespace Orca.Controllers.GarbageCollector;

/// <summary>
/// The garbage collector: follows ownerReferences across every tracked resource (keys are object UIDs).
/// <list type="bullet">
/// <item>An object whose owners are all gone (no object with that name and UID, confirmed by a live read when
/// the cache lacks it) is deleted — background propagation unless its own finalizers ask for more.</item>
/// <item>An object being deleted with the <c>foregroundDeletion</c> finalizer gets its dependents deleted; once no
/// dependent with blockOwnerDeletion=true is left the finalizer is removed and the owner goes.</item>
/// <item>An object being deleted with the <c>orphan</c> finalizer has its reference removed from every dependent,
/// then the finalizer removed.</item>
/// <item>An object with a live owner keeps it, but loses references to owners that are gone or that wait for
/// their dependents' deletion.</item>
/// </list>
/// Level-triggered: every sync re-reads the caches; writes carry UID/resourceVersion preconditions.
/// </summary>
internal sealed partial class GarbageCollector : QueueController
{
    public const string ControllerName = "garbagecollector";
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    private readonly IReadOnlyList<IGcResource> _resources;

    public GarbageCollector(ControllerContext context) : base(context, ControllerName) => _resources = GcResources.Register(context);

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName, c => GcResources.Register(c), c => new GarbageCollector(c));

    protected override IEnumerable<IDisposable> Watch() =>
        _resources.Select(r => r.Watch(OnChanged, OnDeleted)).ToList();

    private void OnChanged(IKubeObject? old, IKubeObject obj)
    {
        if (obj.Metadata.Uid is not { } uid) return;
        if (old is not null && !ReferenceEquals(old, obj) && !GcFieldsChanged(old.Metadata, obj.Metadata)) return;
        if (obj.Metadata.OwnerReferences is { Count: > 0 } || IsDeletingWithGcFinalizer(obj.Metadata)) Queue.Add(uid);
    }

    private void OnDeleted(IKubeObject obj)
    {
        if (obj.Metadata.Uid is not { } uid) return;
        foreach (var dependent in DependentsOf(uid)) Queue.Add(dependent.Obj.Metadata.Uid!);
        foreach (var owner in obj.Metadata.OwnerReferences ?? []) Queue.Add(owner.Uid);
    }

    private static bool GcFieldsChanged(ObjectMeta a, ObjectMeta b) =>
        a.DeletionTimestamp != b.DeletionTimestamp
        || !(a.Finalizers ?? []).SequenceEqual(b.Finalizers ?? [])
        || !(a.OwnerReferences ?? []).SequenceEqual(b.OwnerReferences ?? []);

    private static bool IsDeletingWithGcFinalizer(ObjectMeta m) =>
        m.DeletionTimestamp is not null && m.Finalizers is { } f && (f.Contains(OrphanFinalizer) || f.Contains(ForegroundFinalizer));

    protected override async Task SyncAsync(string uid, CancellationToken ct)
    {
        if (Find(uid) is not var (resource, obj)) return;
        var meta = obj.Metadata;
        if (meta.DeletionTimestamp is not null)
        {
            if (meta.Finalizers?.Contains(OrphanFinalizer) == true) await OrphanDependentsAsync(resource, obj, ct);
            else if (meta.Finalizers?.Contains(ForegroundFinalizer) == true) await DeleteDependentsAsync(resource, obj, ct);
            return;
        }
        if (meta.OwnerReferences is { Count: > 0 }) await AttemptToDeleteAsync(resource, obj, ct);
    }

    /// <summary>Orphan propagation: drop this owner from every dependent, then the orphan finalizer.</summary>
    private async Task OrphanDependentsAsync(IGcResource resource, IKubeObject owner, CancellationToken ct)
    {
        var uid = owner.Metadata.Uid!;
        foreach (var (depResource, dependent) in DependentsOf(uid))
        {
            var remaining = dependent.Metadata.OwnerReferences!.Where(r => r.Uid != uid).ToList();
            await depResource.SetOwnersAsync(dependent, remaining, ct);
        }
        await resource.SetFinalizersAsync(owner, owner.Metadata.Finalizers!.Where(f => f != OrphanFinalizer).ToList(), ct);
        LogOrphaned(Logger, KeyOf(owner), uid);
    }

    /// <summary>
    /// Foreground propagation: every dependent is looked at (and, its owner waiting, deleted); the finalizer goes
    /// once no dependent that blocks owner deletion remains. A dependent's disappearance brings the owner back here.
    /// </summary>
    private async Task DeleteDependentsAsync(IGcResource resource, IKubeObject owner, CancellationToken ct)
    {
        var uid = owner.Metadata.Uid!;
        var dependents = DependentsOf(uid);
        var blocking = dependents.Count(d => d.Obj.Metadata.OwnerReferences!.Any(r => r.Uid == uid && r.BlockOwnerDeletion == true));
        foreach (var (_, dependent) in dependents)
            if (dependent.Metadata.DeletionTimestamp is null) Queue.Add(dependent.Metadata.Uid!);
        if (blocking > 0) return;
        await resource.SetFinalizersAsync(owner, owner.Metadata.Finalizers!.Where(f => f != ForegroundFinalizer).ToList(), ct);
        LogForegroundDone(Logger, KeyOf(owner), uid);
    }

    private (IGcResource Resource, IKubeObject Obj)? Find(string uid)
    {
        foreach (var r in _resources)
            if (r.ByUid(uid) is { } obj) return (r, obj);
        return null;
    }

    private List<(IGcResource Resource, IKubeObject Obj)> DependentsOf(string uid) =>
        _resources.SelectMany(r => r.DependentsOf(uid).Select(o => (r, o))).ToList();

    private static string KeyOf(IKubeObject obj) =>
        obj.Metadata.Namespace is { Length: > 0 } ns ? $"{ns}/{obj.Metadata.Name}" : obj.Metadata.Name ?? "";

    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "garbagecollector: deleting {Key} (uid {Uid}) with {Policy} propagation: its owners are gone")]
    private static partial void LogDeleting(ILogger logger, string key, string uid, string policy);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "garbagecollector: orphaned the dependents of {Key} (uid {Uid})")]
    private static partial void LogOrphaned(ILogger logger, string key, string uid);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "garbagecollector: no blocking dependents left of {Key} (uid {Uid}); removing foregroundDeletion")]
    private static partial void LogForegroundDone(ILogger logger, string key, string uid);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "garbagecollector: {Key} (uid {Uid}) drops owner references {Owners}")]
    private static partial void LogDroppingOwners(ILogger logger, string key, string uid, string owners);
}
