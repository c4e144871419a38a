using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Validation;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Resources.Volumes;

/// <summary>
/// core/v1 persistentvolumeclaims: Kubernetes' defaults and validation; a new claim is Pending until
/// bound; status only through /status. The spec is immutable but for the storage request, the
/// attributes class and the volume name of a claim not yet bound.
/// </summary>
internal sealed class PersistentVolumeClaimStrategy : Strategy<PersistentVolumeClaim>
{
    public static readonly PersistentVolumeClaimStrategy Instance = new();

    public override void PrepareForCreate(PersistentVolumeClaim obj) => obj.Status = new PersistentVolumeClaimStatus { Phase = "Pending" };

    public override void PrepareForUpdate(PersistentVolumeClaim obj, PersistentVolumeClaim old) => obj.Status = old.Status;

    public override void Default(PersistentVolumeClaim obj) => VolumeDefaults.Claim(obj);

    public override IReadOnlyList<FieldError> Validate(PersistentVolumeClaim obj) => VolumeValidation.ClaimSpec(obj.Spec, FieldPath.New("spec"));

    public override IReadOnlyList<FieldError> ValidateUpdate(PersistentVolumeClaim obj, PersistentVolumeClaim old)
    {
        var errors = new ErrorList(Validate(obj));
        var mutable = ApiJson.Clone(old.Spec);
        mutable.Resources = obj.Spec.Resources;
        mutable.VolumeAttributesClassName = obj.Spec.VolumeAttributesClassName;
        if (string.IsNullOrEmpty(old.Spec.VolumeName)) mutable.VolumeName = obj.Spec.VolumeName;
        // A claim without a class may get one once (the default class, assigned retroactively).
        if (old.Spec.StorageClassName is null) mutable.StorageClassName = obj.Spec.StorageClassName;
        if (!VolumeValidation.Same(mutable, obj.Spec))
            errors.Add(FieldError.Forbidden(FieldPath.New("spec"), "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
        return errors;
    }

    public override bool SpecChanged(PersistentVolumeClaim obj, PersistentVolumeClaim old) => false;

    public static readonly StatusStrategy<PersistentVolumeClaim> Status = new(Instance, (pvc, old) =>
    {
        pvc.Spec = old.Spec;
        StatusMeta.KeepFromOld(pvc.Metadata, old.Metadata);
    });
}
