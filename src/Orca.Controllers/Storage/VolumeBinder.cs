using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Storage;
using Orca.Client;

namespace Orca.Controllers.Storage;

/// <summary>
/// The PersistentVolume controller's binder (kube-controller-manager "persistentvolume-binder"). Keys are
/// "claim:ns/name" and "volume:name".
/// A claim without a class gets the default StorageClass (retroactively, as Kubernetes does). An unbound
/// claim is bound to the volume pre-bound to it (claimRef.uid, as provisioners make them) or else to the
/// smallest Available volume of its class whose access modes and size fit (not for WaitForFirstConsumer
/// classes, whose claims wait for a node); binding sets the volume's claimRef and phase Bound, then the
/// claim's volumeName, pv.kubernetes.io/bind-completed and bound-by-controller annotations, and phase Bound
/// with the volume's capacity and access modes. A claim left to a provisioner is annotated
/// volume.kubernetes.io/storage-provisioner. A volume whose claim is gone is Released; Released volumes with
/// reclaim policy Delete that Orca's local-path provisioner made are deleted (the node's agent removes the
/// directory). Every step is idempotent; a conflict retries the key.
/// </summary>
internal sealed partial class VolumeBinder : Framework.QueueController
{
    public const string ControllerName = "persistentvolume-binder";
    private const string ClaimPrefix = "claim:";
    private const string VolumePrefix = "volume:";

    private readonly Lister<PersistentVolumeClaim> _claims;
    private readonly Lister<PersistentVolume> _volumes;
    private readonly Lister<StorageClass> _classes;
    private readonly ResourceClient<PersistentVolumeClaim> _claimClient;
    private readonly ResourceClient<PersistentVolume> _volumeClient;
    private readonly EventRecorder _recorder;

    public static ControllerDescriptor Descriptor { get; } = new(ControllerName, ctx =>
    {
        ctx.Informers.For<PersistentVolumeClaim>();
        ctx.Informers.For<PersistentVolume>();
        ctx.Informers.For<StorageClass>();
    }, ctx => new VolumeBinder(ctx));

    private VolumeBinder(ControllerContext context) : base(context, ControllerName)
    {
        _claims = context.Informers.For<PersistentVolumeClaim>().Lister;
        _volumes = context.Informers.For<PersistentVolume>().Lister;
        _classes = context.Informers.For<StorageClass>().Lister;
        _claimClient = context.Client.Resource<PersistentVolumeClaim>();
        _volumeClient = context.Client.Resource<PersistentVolume>();
        _recorder = context.Recorder("persistentvolume-controller");
    }

    protected override IEnumerable<IDisposable> Watch()
    {
        yield return Context.Informers.For<PersistentVolumeClaim>().AddEventHandler(OnClaim, (_, c) => OnClaim(c), OnClaim);
        yield return Context.Informers.For<PersistentVolume>().AddEventHandler(OnVolume, (_, v) => OnVolume(v), OnVolume);
        yield return Context.Informers.For<StorageClass>().AddEventHandler(_ => EnqueueUnclassed(), (_, _) => EnqueueUnclassed());
    }

    private void OnClaim(PersistentVolumeClaim claim)
    {
        Queue.Add(ClaimPrefix + ObjectKey.Of(claim));
        if (!string.IsNullOrEmpty(claim.Spec.VolumeName)) Queue.Add(VolumePrefix + claim.Spec.VolumeName);
        foreach (var v in _volumes.List())
            if (v.Spec.ClaimRef?.Uid == claim.Metadata.Uid) Queue.Add(VolumePrefix + v.Metadata.Name);
    }

    private void OnVolume(PersistentVolume volume)
    {
        Queue.Add(VolumePrefix + volume.Metadata.Name);
        if (volume.Spec.ClaimRef is { Name: { } name } claimRef) Queue.Add(ClaimPrefix + ObjectKey.For(claimRef.Namespace, name));
        else foreach (var c in _claims.List())
            if (string.IsNullOrEmpty(c.Spec.VolumeName)) Queue.Add(ClaimPrefix + ObjectKey.Of(c));
    }

    private void EnqueueUnclassed()
    {
        foreach (var c in _claims.List())
            if (c.Spec.StorageClassName is null || string.IsNullOrEmpty(c.Spec.VolumeName)) Queue.Add(ClaimPrefix + ObjectKey.Of(c));
    }

    protected override Task SyncAsync(string key, CancellationToken ct)
    {
        if (key.StartsWith(ClaimPrefix, StringComparison.Ordinal))
        {
            var (ns, name) = ObjectKey.Split(key[ClaimPrefix.Length..]);
            return _claims.Get(ns, name) is { } claim && claim.Metadata.DeletionTimestamp is null ? SyncClaimAsync(claim, ct) : Task.CompletedTask;
        }
        return _volumes.Get(null, key[VolumePrefix.Length..]) is { } volume ? SyncVolumeAsync(volume, ct) : Task.CompletedTask;
    }

    /// <summary>The default StorageClass: the newest one annotated is-default-class "true" (Kubernetes' tie-break).</summary>
    private StorageClass? DefaultClass() =>
        _classes.List().Where(c => c.Metadata.Annotations?.GetValueOrDefault(StorageNames.DefaultClass) == "true"
                                   || c.Metadata.Annotations?.GetValueOrDefault(StorageNames.BetaDefaultClass) == "true")
            .OrderByDescending(c => c.Metadata.CreationTimestamp).ThenBy(c => c.Metadata.Name, StringComparer.Ordinal).FirstOrDefault();

    private static bool Fits(PersistentVolume volume, PersistentVolumeClaim claim)
    {
        if ((volume.Spec.StorageClassName ?? "") != (claim.Spec.StorageClassName ?? "")) return false;
        if ((volume.Spec.VolumeMode ?? "Filesystem") != (claim.Spec.VolumeMode ?? "Filesystem")) return false;
        if (!(claim.Spec.AccessModes ?? []).All(m => volume.Spec.AccessModes?.Contains(m) == true)) return false;
        var wanted = claim.Spec.Resources?.Requests?.GetValueOrDefault("storage");
        var has = volume.Spec.Capacity?.GetValueOrDefault("storage");
        return wanted is not { } w || (has is { } h && h.CompareTo(w) >= 0);
    }

    private static T Copy<T>(T obj) where T : class => ApiJson.Clone(obj);
}
