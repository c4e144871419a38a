using System.Globalization;
using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>
/// apps/v1 daemonsets: Kubernetes' defaults and validation; status only through /status. The
/// template generation Kubernetes keeps internally shows, as in apps/v1, as the annotation
/// deprecated.daemonset.template.generation: "1" on create, bumped when the template changes.
/// </summary>
internal sealed class DaemonSetStrategy : Strategy<DaemonSet>
{
    public static readonly DaemonSetStrategy Instance = new();

    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    private static readonly FieldPath Spec = FieldPath.New("spec");

    public override void PrepareForCreate(DaemonSet obj)
    {
        obj.Status = new DaemonSetStatus();
        SetTemplateGeneration(obj, 1);
    }

    public override void PrepareForUpdate(DaemonSet obj, DaemonSet old)
    {
        obj.Status = old.Status;
        var generation = TemplateGeneration(old);
        if (!WorkloadValidation.SameJson(obj.Spec.Template, old.Spec.Template)) generation++;
        SetTemplateGeneration(obj, generation);
    }

    public override void Default(DaemonSet obj)
    {
        var spec = obj.Spec;
        spec.UpdateStrategy ??= new DaemonSetUpdateStrategy();
        spec.UpdateStrategy.Type ??= "RollingUpdate";
        if (spec.UpdateStrategy.Type == "RollingUpdate")
        {
            spec.UpdateStrategy.RollingUpdate ??= new RollingUpdateDaemonSet();
            spec.UpdateStrategy.RollingUpdate.MaxUnavailable ??= IntOrString.FromInt(1);
            spec.UpdateStrategy.RollingUpdate.MaxSurge ??= IntOrString.FromInt(0);
        }
        spec.RevisionHistoryLimit ??= 10;
        WorkloadDefaults.Template(spec.Template);
    }

    public override IReadOnlyList<FieldError> Validate(DaemonSet obj)
    {
        var errors = new ErrorList();
        var spec = obj.Spec;
        WorkloadValidation.RequiredSelector(errors, spec.Selector, Spec.Child("selector"), "daemonset");
        WorkloadValidation.TemplateMatches(errors, spec.Selector, spec.Template, Spec.Child("template"));
        var template = Spec.Child("template");
        errors.AddRange(PodValidation.ValidateTemplate(spec.Template, template));
        if (spec.Template.Spec?.RestartPolicy is { } policy && policy != "Always")
            errors.Add(FieldError.NotSupported(template.Child("spec", "restartPolicy"), policy, ["Always"]));
        if (spec.Template.Spec?.ActiveDeadlineSeconds is { } deadline)
            errors.Add(FieldError.Invalid(template.Child("spec", "activeDeadlineSeconds"), deadline, "activeDeadlineSeconds must be nil for daemonset"));
        WorkloadValidation.NonNegative(errors, spec.MinReadySeconds, Spec.Child("minReadySeconds"));
        ValidateUpdateStrategy(errors, spec.UpdateStrategy, Spec.Child("updateStrategy"));
        WorkloadValidation.NonNegative(errors, spec.RevisionHistoryLimit, Spec.Child("revisionHistoryLimit"));
        return errors;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(DaemonSet obj, DaemonSet old)
    {
        var errors = new ErrorList(Validate(obj));
        WorkloadValidation.ImmutableSelector(errors, obj.Spec.Selector, old.Spec.Selector, Spec.Child("selector"));
        return errors;
    }

    private static void ValidateUpdateStrategy(ErrorList errors, DaemonSetUpdateStrategy? strategy, FieldPath path)
    {
        switch (strategy?.Type)
        {
            case "OnDelete":
                break;
            case "RollingUpdate" when strategy.RollingUpdate is { } rolling:
                RollingUpdate(errors, rolling, path.Child("rollingUpdate"));
                break;
            case "RollingUpdate":
                errors.Add(FieldError.Required(path.Child("rollingUpdate"), ""));
                break;
            default:
                errors.Add(FieldError.NotSupported(path.Child("type"), strategy?.Type ?? "", ["OnDelete", "RollingUpdate"]));
                break;
        }
    }

    /// <summary>ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero.</summary>
    private static void RollingUpdate(ErrorList errors, RollingUpdateDaemonSet rolling, FieldPath path)
    {
        WorkloadValidation.PodBudget(errors, rolling.MaxUnavailable, path.Child("maxUnavailable"));
        WorkloadValidation.PodBudget(errors, rolling.MaxSurge, path.Child("maxSurge"));
        var hasUnavailable = WorkloadValidation.IntOrPercentValue(rolling.MaxUnavailable) != 0;
        var hasSurge = WorkloadValidation.IntOrPercentValue(rolling.MaxSurge) != 0;
        if (hasUnavailable && hasSurge)
            errors.Add(FieldError.Invalid(path.Child("maxSurge"), GoSyntax.IntOrString(rolling.MaxSurge!.Value), "may not be set when maxUnavailable is non-zero"));
        else if (!hasUnavailable && !hasSurge)
            errors.Add(FieldError.Required(path.Child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
    }

    private static long TemplateGeneration(DaemonSet obj) =>
        obj.Metadata.Annotations?.GetValueOrDefault(TemplateGenerationAnnotation) is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : 1;

    private static void SetTemplateGeneration(DaemonSet obj, long generation)
    {
        obj.Metadata.Annotations ??= new Dictionary<string, string>();
        obj.Metadata.Annotations[TemplateGenerationAnnotation] = generation.ToString(CultureInfo.InvariantCulture);
    }

    public static readonly StatusStrategy<DaemonSet> Status = new(Instance, (ds, old) =>
    {
        ds.Spec = old.Spec;
        StatusMeta.KeepFromOld(ds.Metadata, old.Metadata);
    });
}
