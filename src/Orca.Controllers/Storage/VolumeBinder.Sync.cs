using Orca.Api.Core;
using Orca.Api.Storage;
using Orca.Client;

namespace Orca.Controllers.Storage;

internal sealed partial class VolumeBinder
{
    private async Task SyncClaimAsync(PersistentVolumeClaim claim, CancellationToken ct)
    {
        if (claim.Spec.StorageClassName is null && DefaultClass() is { } defaultClass)
        {
            var classed = Copy(claim);
            classed.Spec.StorageClassName = defaultClass.Metadata.Name;
            await _claimClient.UpdateAsync(classed, ct);
            return;
        }
        if (!string.IsNullOrEmpty(claim.Spec.VolumeName))
        {
            await CompleteBoundClaimAsync(claim, ct);
            return;
        }
        var volume = _volumes.List().FirstOrDefault(v => v.Spec.ClaimRef?.Uid == claim.Metadata.Uid && v.Metadata.DeletionTimestamp is null)
                     ?? FindAvailable(claim);
        if (volume is not null)
        {
            await BindAsync(volume, claim, ct);
            return;
        }
        await AwaitProvisioningAsync(claim, ct);
    }

    /// <summary>The smallest Available, unclaimed volume that fits, unless the claim's class waits for a consumer.</summary>
    private PersistentVolume? FindAvailable(PersistentVolumeClaim claim)
    {
        var storageClass = claim.Spec.StorageClassName is { Length: > 0 } n ? _classes.Get(null, n) : null;
        if (storageClass?.VolumeBindingMode == "WaitForFirstConsumer") return null;
        return _volumes.List()
            .Where(v => v.Spec.ClaimRef is null && v.Metadata.DeletionTimestamp is null && v.Status.Phase is "Available" && Fits(v, claim))
            .OrderBy(v => v.Spec.Capacity?.GetValueOrDefault("storage") ?? default)
            .FirstOrDefault();
    }

    /// <summary>No volume yet: name the provisioner on the claim (once) and say what the claim waits for.</summary>
    private async Task AwaitProvisioningAsync(PersistentVolumeClaim claim, CancellationToken ct)
    {
        var storageClass = claim.Spec.StorageClassName is { Length: > 0 } n ? _classes.Get(null, n) : null;
        if (storageClass is null) return;
        var waitsForNode = storageClass.VolumeBindingMode == "WaitForFirstConsumer"
                           && claim.Metadata.Annotations?.ContainsKey(StorageNames.SelectedNode) != true;
        if (waitsForNode)
        {
            _recorder.Event(claim, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
            return;
        }
        if (claim.Metadata.Annotations?.GetValueOrDefault(StorageNames.StorageProvisioner) == storageClass.Provisioner) return;
        var annotated = Copy(claim);
        annotated.Metadata.Annotations ??= new Dictionary<string, string>();
        annotated.Metadata.Annotations[StorageNames.StorageProvisioner] = storageClass.Provisioner;
        annotated.Metadata.Annotations[StorageNames.BetaStorageProvisioner] = storageClass.Provisioner;
        await _claimClient.UpdateAsync(annotated, ct);
        _recorder.Event(claim, "Normal", "ExternalProvisioning",
            $"Waiting for a volume to be created either by the external provisioner '{storageClass.Provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.");
    }

    /// <summary>Volume side first (claimRef, Bound), then the claim (volumeName, annotations, Bound) — the order Kubernetes uses, so a crash in between is finished by the next sync.</summary>
    private async Task BindAsync(PersistentVolume volume, PersistentVolumeClaim claim, CancellationToken ct)
    {
        if (volume.Spec.ClaimRef?.Uid != claim.Metadata.Uid)
        {
            var claimed = Copy(volume);
            claimed.Spec.ClaimRef = new ObjectReference
            {
                ApiVersion = "v1",
                Kind = "PersistentVolumeClaim",
                Namespace = claim.Metadata.Namespace,
                Name = claim.Metadata.Name,
                Uid = claim.Metadata.Uid,
                ResourceVersion = claim.Metadata.ResourceVersion,
            };
            claimed.Metadata.Annotations ??= new Dictionary<string, string>();
            claimed.Metadata.Annotations[StorageNames.BoundByController] = "yes";
            volume = await _volumeClient.UpdateAsync(claimed, ct);
        }
        await SetVolumePhaseAsync(volume, "Bound", ct);
        var bound = Copy(claim);
        bound.Spec.VolumeName = volume.Metadata.Name;
        bound.Metadata.Annotations ??= new Dictionary<string, string>();
        bound.Metadata.Annotations[StorageNames.BindCompleted] = "yes";
        bound.Metadata.Annotations[StorageNames.BoundByController] = "yes";
        claim = await _claimClient.UpdateAsync(bound, ct);
        await SetClaimBoundAsync(claim, volume, ct);
    }

    /// <summary>A claim naming a volume: Bound when the volume names it back, Lost when the volume is gone.</summary>
    private async Task CompleteBoundClaimAsync(PersistentVolumeClaim claim, CancellationToken ct)
    {
        var volume = _volumes.Get(null, claim.Spec.VolumeName!);
        if (volume is null)
        {
            if (claim.Status.Phase == "Bound")
            {
                var lost = Copy(claim);
                lost.Status.Phase = "Lost";
                await _claimClient.UpdateStatusAsync(lost, ct);
                _recorder.Event(claim, "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
            }
            return;
        }
        if (volume.Spec.ClaimRef is null || volume.Spec.ClaimRef.Uid == claim.Metadata.Uid)
        {
            if (volume.Spec.ClaimRef is null || volume.Status.Phase != "Bound")
            {
                await BindAsync(volume, claim, ct);
                return;
            }
            if (claim.Metadata.Annotations?.GetValueOrDefault(StorageNames.BindCompleted) != "yes")
            {
                var annotated = Copy(claim);
                annotated.Metadata.Annotations ??= new Dictionary<string, string>();
                annotated.Metadata.Annotations[StorageNames.BindCompleted] = "yes";
                claim = await _claimClient.UpdateAsync(annotated, ct);
            }
            await SetClaimBoundAsync(claim, volume, ct);
        }
    }

    private async Task SetClaimBoundAsync(PersistentVolumeClaim claim, PersistentVolume volume, CancellationToken ct)
    {
        if (claim.Status.Phase == "Bound" && claim.Status.Capacity is not null) return;
        var bound = Copy(claim);
        bound.Status.Phase = "Bound";
        bound.Status.Capacity = volume.Spec.Capacity is null ? null : new(volume.Spec.Capacity);
        bound.Status.AccessModes = volume.Spec.AccessModes is null ? null : [.. volume.Spec.AccessModes];
        await _claimClient.UpdateStatusAsync(bound, ct);
    }

    private async Task<PersistentVolume> SetVolumePhaseAsync(PersistentVolume volume, string phase, CancellationToken ct)
    {
        if (volume.Status.Phase == phase) return volume;
        var updated = Copy(volume);
        updated.Status.Phase = phase;
        updated.Status.LastPhaseTransitionTime = Time.GetUtcNow();
        return await _volumeClient.UpdateStatusAsync(updated, ct);
    }

    /// <summary>
    /// A volume's phase from its claim: no claimRef → Available; a claimRef whose claim is gone (or is another
    /// object of the same name) → Released, and then reclaimed; otherwise the claim side finishes the binding.
    /// </summary>
    private async Task SyncVolumeAsync(PersistentVolume volume, CancellationToken ct)
    {
        if (volume.Metadata.DeletionTimestamp is not null) return;
        if (volume.Spec.ClaimRef is not { } claimRef)
        {
            if (volume.Status.Phase is "Pending" or null) await SetVolumePhaseAsync(volume, "Available", ct);
            return;
        }
        var claim = _claims.Get(claimRef.Namespace, claimRef.Name ?? "");
        if (claim is not null && (claimRef.Uid is null || claim.Metadata.Uid == claimRef.Uid)) return;
        if (claim is null && await ClaimExistsAsync(claimRef, ct)) return;
        if (volume.Status.Phase is not ("Released" or "Failed")) volume = await SetVolumePhaseAsync(volume, "Released", ct);
        await ReclaimAsync(volume, ct);
    }

    /// <summary>The cache may lag a claim's creation: before releasing a volume, ask the API server.</summary>
    private async Task<bool> ClaimExistsAsync(ObjectReference claimRef, CancellationToken ct)
    {
        try
        {
            var live = await _claimClient.GetAsync(claimRef.Namespace, claimRef.Name ?? "", ct);
            return claimRef.Uid is null || live.Metadata.Uid == claimRef.Uid;
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    private async Task ReclaimAsync(PersistentVolume volume, CancellationToken ct)
    {
        if (volume.Spec.PersistentVolumeReclaimPolicy != "Delete") return;
        if (volume.Metadata.Annotations?.GetValueOrDefault(StorageNames.ProvisionedBy) != StorageNames.LocalPathProvisioner)
        {
            _recorder.Event(volume, "Warning", "VolumeFailedDelete", "error getting deleter volume plugin for volume \"" + volume.Metadata.Name + "\": no deletable volume plugin matched");
            return;
        }
        try
        {
            await _volumeClient.DeleteAsync(null, volume.Metadata.Name!, ct: ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }
}
