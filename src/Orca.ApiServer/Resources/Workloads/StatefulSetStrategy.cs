using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>apps/v1 statefulsets: Kubernetes' defaults and validation; status only through /status.</summary>
internal sealed class StatefulSetStrategy : Strategy<StatefulSet>
{
    public static readonly StatefulSetStrategy Instance = new();

    private static readonly FieldPath Spec = FieldPath.New("spec");
    private static readonly string[] RetentionPolicies = ["Retain", "Delete"];

    public override void PrepareForCreate(StatefulSet obj) => obj.Status = new StatefulSetStatus();

    public override void PrepareForUpdate(StatefulSet obj, StatefulSet old) => obj.Status = old.Status;

    /// <summary>SetDefaults_StatefulSet, the pod template defaults and the claim template defaults.</summary>
    public override void Default(StatefulSet obj)
    {
        var spec = obj.Spec;
        spec.PodManagementPolicy ??= "OrderedReady";
        spec.UpdateStrategy ??= new StatefulSetUpdateStrategy();
        if (spec.UpdateStrategy.Type is null)
        {
            spec.UpdateStrategy.Type = "RollingUpdate";
            spec.UpdateStrategy.RollingUpdate ??= new RollingUpdateStatefulSetStrategy();
        }
        if (spec.UpdateStrategy is { Type: "RollingUpdate", RollingUpdate: { } rolling }) rolling.Partition ??= 0;
        spec.PersistentVolumeClaimRetentionPolicy ??= new StatefulSetPersistentVolumeClaimRetentionPolicy();
        spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted ??= "Retain";
        spec.PersistentVolumeClaimRetentionPolicy.WhenScaled ??= "Retain";
        spec.Replicas ??= 1;
        spec.RevisionHistoryLimit ??= 10;
        WorkloadDefaults.Template(spec.Template);
        foreach (var claim in spec.VolumeClaimTemplates ?? [])
        {
            claim.ApiVersion ??= "v1";
            claim.Kind ??= "PersistentVolumeClaim";
            Volumes.VolumeDefaults.Claim(claim);
        }
    }

    public override IReadOnlyList<FieldError> Validate(StatefulSet obj)
    {
        var errors = new ErrorList();
        var spec = obj.Spec;
        if (spec.PodManagementPolicy is not ("OrderedReady" or "Parallel"))
            errors.Add(FieldError.Invalid(Spec.Child("podManagementPolicy"), spec.PodManagementPolicy ?? "", "must be 'OrderedReady' or 'Parallel'"));
        ValidateUpdateStrategy(errors, spec.UpdateStrategy, Spec.Child("updateStrategy"));
        if (spec.PersistentVolumeClaimRetentionPolicy is { } retention)
        {
            var p = Spec.Child("persistentVolumeClaimRetentionPolicy");
            if (retention.WhenDeleted is { } d && !RetentionPolicies.Contains(d)) errors.Add(FieldError.NotSupported(p.Child("whenDeleted"), d, RetentionPolicies));
            if (retention.WhenScaled is { } s && !RetentionPolicies.Contains(s)) errors.Add(FieldError.NotSupported(p.Child("whenScaled"), s, RetentionPolicies));
        }
        WorkloadValidation.NonNegative(errors, spec.Replicas, Spec.Child("replicas"));
        WorkloadValidation.NonNegative(errors, spec.MinReadySeconds, Spec.Child("minReadySeconds"));
        WorkloadValidation.NonNegative(errors, spec.Ordinals?.Start, Spec.Child("ordinals", "start"));
        WorkloadValidation.RequiredSelector(errors, spec.Selector, Spec.Child("selector"), "statefulset");
        WorkloadValidation.TemplateMatches(errors, spec.Selector, spec.Template, Spec.Child("template"));
        WorkloadValidation.ReplicaTemplate(errors, WithClaimVolumes(spec.Template, spec.VolumeClaimTemplates), Spec.Child("template"),
            "activeDeadlineSeconds in StatefulSet is not Supported");
        ValidateClaimTemplates(errors, spec.VolumeClaimTemplates, Spec.Child("volumeClaimTemplates"));
        return errors;
    }

    /// <summary>
    /// Only replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy,
    /// minReadySeconds (and the history limit) may change, as Kubernetes allows.
    /// </summary>
    public override IReadOnlyList<FieldError> ValidateUpdate(StatefulSet obj, StatefulSet old)
    {
        var errors = new ErrorList(Validate(obj));
        var restricted = Orca.Api.Json.ApiJson.Clone(obj.Spec);
        restricted.Replicas = old.Spec.Replicas;
        restricted.Ordinals = old.Spec.Ordinals;
        restricted.Template = old.Spec.Template;
        restricted.UpdateStrategy = old.Spec.UpdateStrategy;
        restricted.PersistentVolumeClaimRetentionPolicy = old.Spec.PersistentVolumeClaimRetentionPolicy;
        restricted.MinReadySeconds = old.Spec.MinReadySeconds;
        restricted.RevisionHistoryLimit = old.Spec.RevisionHistoryLimit;
        if (!WorkloadValidation.SameJson(restricted, old.Spec))
            errors.Add(FieldError.Forbidden(Spec, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        return errors;
    }

    private static void ValidateUpdateStrategy(ErrorList errors, StatefulSetUpdateStrategy? strategy, FieldPath path)
    {
        switch (strategy?.Type)
        {
            case "OnDelete":
                if (strategy.RollingUpdate is not null)
                    errors.Add(FieldError.Invalid(path.Child("rollingUpdate"), Orca.Api.Validation.GoSyntax.Raw("apps.RollingUpdateStatefulSetStrategy{...}"),
                        "only allowed for updateStrategy 'RollingUpdate'"));
                break;
            case "RollingUpdate":
                if (strategy.RollingUpdate is { } rolling)
                {
                    WorkloadValidation.NonNegative(errors, rolling.Partition, path.Child("rollingUpdate", "partition"));
                    WorkloadValidation.IntOrPercent(errors, rolling.MaxUnavailable, path.Child("rollingUpdate", "maxUnavailable"));
                }
                break;
            default:
                errors.Add(FieldError.Invalid(path.Child("type"), strategy?.Type ?? "", "must be 'RollingUpdate' or 'OnDelete'"));
                break;
        }
    }

    /// <summary>The template as the pods get it: each claim template is a volume of its name (mounts may refer to it).</summary>
    private static PodTemplateSpec WithClaimVolumes(PodTemplateSpec template, List<PersistentVolumeClaim>? claims)
    {
        if (claims is not { Count: > 0 } || template.Spec is null) return template;
        var copy = Orca.Api.Json.ApiJson.Clone(template);
        var volumes = (copy.Spec!.Volumes ?? []).Where(v => claims.All(c => c.Metadata.Name != v.Name)).ToList();
        foreach (var c in claims)
        {
            if (string.IsNullOrEmpty(c.Metadata.Name)) continue;
            volumes.Add(new Volume { Name = c.Metadata.Name, PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = c.Metadata.Name } });
        }
        copy.Spec.Volumes = volumes;
        return copy;
    }

    private static void ValidateClaimTemplates(ErrorList errors, List<PersistentVolumeClaim>? claims, FieldPath path)
    {
        var i = 0;
        foreach (var claim in claims ?? [])
        {
            var p = path.Index(i++);
            if (string.IsNullOrEmpty(claim.Metadata.Name)) errors.Add(FieldError.Required(p.Child("metadata", "name"), "name or generateName is required"));
            errors.AddRange(Volumes.VolumeValidation.ClaimSpec(claim.Spec, p.Child("spec")));
        }
    }

    public static readonly StatusStrategy<StatefulSet> Status = new(Instance, (ss, old) =>
    {
        ss.Spec = old.Spec;
        StatusMeta.KeepFromOld(ss.Metadata, old.Metadata);
    });
}
