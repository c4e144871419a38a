using Orca.Api.Storage;
using Orca.Api.Validation;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Resources.Volumes;

/// <summary>storage.k8s.io/v1 storageclasses (cluster-scoped): defaults, validation, immutable provisioning fields.</summary>
internal sealed class StorageClassStrategy : Strategy<StorageClass>
{
    public static readonly StorageClassStrategy Instance = new();

    private static readonly string[] ReclaimPolicies = ["Delete", "Retain"];
    private static readonly string[] BindingModes = ["Immediate", "WaitForFirstConsumer"];

    public override void Default(StorageClass obj)
    {
        obj.ReclaimPolicy ??= "Delete";
        obj.VolumeBindingMode ??= "Immediate";
    }

    public override IReadOnlyList<FieldError> Validate(StorageClass obj)
    {
        var errors = new ErrorList();
        if (obj.Provisioner.Length == 0) errors.Add(FieldError.Required(FieldPath.New("provisioner")));
        else foreach (var msg in NameValidation.IsQualifiedName(obj.Provisioner.ToLowerInvariant()))
            errors.Add(FieldError.Invalid(FieldPath.New("provisioner"), obj.Provisioner, msg));
        if (obj.ReclaimPolicy is { } policy && !ReclaimPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(FieldPath.New("reclaimPolicy"), policy, ReclaimPolicies));
        if (obj.VolumeBindingMode is { } mode && !BindingModes.Contains(mode))
            errors.Add(FieldError.NotSupported(FieldPath.New("volumeBindingMode"), mode, BindingModes));
        return errors;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(StorageClass obj, StorageClass old)
    {
        var errors = new ErrorList(Validate(obj));
        if (!WorkloadValidation.SameJson(obj.Parameters, old.Parameters))
            errors.Add(FieldError.Forbidden(FieldPath.New("parameters"), "updates to parameters are forbidden."));
        if (obj.Provisioner != old.Provisioner)
            errors.Add(FieldError.Forbidden(FieldPath.New("provisioner"), "updates to provisioner are forbidden."));
        if (obj.ReclaimPolicy != old.ReclaimPolicy)
            errors.Add(FieldError.Forbidden(FieldPath.New("reclaimPolicy"), "updates to reclaimPolicy are forbidden."));
        if (obj.VolumeBindingMode != old.VolumeBindingMode)
            errors.Add(FieldError.Invalid(FieldPath.New("volumeBindingMode"), obj.VolumeBindingMode, ObjectMetaValidator.FieldImmutableErrorMsg));
        return errors;
    }
}
