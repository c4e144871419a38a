using Orca.Api.Core;

namespace Orca.ApiServer.Resources.Volumes;

/// <summary>The core/v1 defaults of PersistentVolumes and PersistentVolumeClaims.</summary>
internal static class VolumeDefaults
{
    /// <summary>SetDefaults_PersistentVolumeClaim(Spec): phase Pending, volume mode Filesystem.</summary>
    public static void Claim(PersistentVolumeClaim claim)
    {
        claim.Status.Phase ??= "Pending";
        claim.Spec.VolumeMode ??= "Filesystem";
    }

    /// <summary>SetDefaults_PersistentVolume: phase Pending, reclaim policy Retain, volume mode Filesystem.</summary>
    public static void Volume(PersistentVolume volume)
    {
        volume.Status.Phase ??= "Pending";
        volume.Spec.PersistentVolumeReclaimPolicy ??= "Retain";
        volume.Spec.VolumeMode ??= "Filesystem";
    }
}
