using Orca.Api.Core;
using Orca.Api.Storage;

namespace Orca.Scheduler.Framework;

/// <summary>
/// What the VolumeBinding plugin reads and writes about storage: claims, volumes and classes from informer
/// caches (thread-safe reads), and the one write it makes. Null on the handle means "no storage known":
/// the plugin then lets every pod through.
/// </summary>
internal interface IVolumeSource
{
    PersistentVolumeClaim? Claim(string ns, string name);
    PersistentVolume? Volume(string name);
    StorageClass? Class(string name);

    /// <summary>Sets the claim's volume.kubernetes.io/selected-node annotation (the provisioner's cue).</summary>
    Task SelectNodeAsync(PersistentVolumeClaim claim, string nodeName, CancellationToken ct);
}
