using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Validation;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Resources.Volumes;

/// <summary>
/// core/v1 persistentvolumes (cluster-scoped): Kubernetes' defaults and validation; a new volume is
/// Pending until a binder makes it Available; status only through /status. Like Kubernetes, spec
/// changes do not move metadata.generation.
/// </summary>
internal sealed class PersistentVolumeStrategy : Strategy<PersistentVolume>
{
    public static readonly PersistentVolumeStrategy Instance = new();

    public override void PrepareForCreate(PersistentVolume obj) => obj.Status = new PersistentVolumeStatus { Phase = "Pending" };

    public override void PrepareForUpdate(PersistentVolume obj, PersistentVolume old) => obj.Status = old.Status;

    public override void Default(PersistentVolume obj) => VolumeDefaults.Volume(obj);

    public override IReadOnlyList<FieldError> Validate(PersistentVolume obj) => VolumeValidation.VolumeSpec(obj.Spec);

    public override IReadOnlyList<FieldError> ValidateUpdate(PersistentVolume obj, PersistentVolume old)
    {
        var errors = new ErrorList(Validate(obj));
        if (!VolumeValidation.Same(SourceOf(obj.Spec), SourceOf(old.Spec)))
            errors.Add(FieldError.Forbidden(FieldPath.New("spec", "persistentvolumesource"), "spec.persistentvolumesource is immutable after creation"));
        if (obj.Spec.VolumeMode != old.Spec.VolumeMode)
            errors.Add(FieldError.Invalid(FieldPath.New("volumeMode"), obj.Spec.VolumeMode, ObjectMetaValidator.FieldImmutableErrorMsg));
        if (old.Spec.NodeAffinity is not null && !VolumeValidation.Same(obj.Spec.NodeAffinity, old.Spec.NodeAffinity))
            errors.Add(FieldError.Invalid(FieldPath.New("nodeAffinity"), GoSyntax.Raw("&core.VolumeNodeAffinity{...}"), ObjectMetaValidator.FieldImmutableErrorMsg));
        return errors;
    }

    public override bool SpecChanged(PersistentVolume obj, PersistentVolume old) => false;

    /// <summary>The spec with only its volume source (what may not change).</summary>
    private static PersistentVolumeSpec SourceOf(PersistentVolumeSpec spec) => ApiJson.Clone(spec) with
    {
        Capacity = null, AccessModes = null, ClaimRef = null, PersistentVolumeReclaimPolicy = null, StorageClassName = null,
        MountOptions = null, VolumeMode = null, NodeAffinity = null, VolumeAttributesClassName = null,
    };

    public static readonly StatusStrategy<PersistentVolume> Status = new(Instance, (pv, old) =>
    {
        pv.Spec = old.Spec;
        StatusMeta.KeepFromOld(pv.Metadata, old.Metadata);
    });
}
