using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>apps/v1 deployments: Kubernetes' defaults and validation; status only through /status.</summary>
/// <remarks>Named apart from <see cref="Orca.Api.Apps.DeploymentStrategy"/>, the API type.</remarks>
internal sealed class DeploymentResourceStrategy : Strategy<Deployment>
{
    public static readonly DeploymentResourceStrategy Instance = new();

    private static readonly FieldPath Spec = FieldPath.New("spec");

    public override void PrepareForCreate(Deployment obj) => obj.Status = new DeploymentStatus();

    public override void PrepareForUpdate(Deployment obj, Deployment old) => obj.Status = old.Status;

    /// <summary>SetDefaults_Deployment and the pod template defaults.</summary>
    public override void Default(Deployment obj)
    {
        var spec = obj.Spec;
        spec.Replicas ??= 1;
        spec.Strategy ??= new DeploymentStrategy();
        spec.Strategy.Type ??= "RollingUpdate";
        if (spec.Strategy.Type == "RollingUpdate")
        {
            spec.Strategy.RollingUpdate ??= new RollingUpdateDeployment();
            spec.Strategy.RollingUpdate.MaxUnavailable ??= IntOrString.FromString("25%");
            spec.Strategy.RollingUpdate.MaxSurge ??= IntOrString.FromString("25%");
        }
        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        WorkloadDefaults.Template(spec.Template);
    }

    public override IReadOnlyList<FieldError> Validate(Deployment obj)
    {
        var errors = new ErrorList();
        var spec = obj.Spec;
        WorkloadValidation.NonNegative(errors, spec.Replicas, Spec.Child("replicas"));
        WorkloadValidation.RequiredSelector(errors, spec.Selector, Spec.Child("selector"), "deployment");
        WorkloadValidation.TemplateMatches(errors, spec.Selector, spec.Template, Spec.Child("template"));
        WorkloadValidation.ReplicaTemplate(errors, spec.Template, Spec.Child("template"), "activeDeadlineSeconds in ReplicaSet is not Supported");
        ValidateStrategy(errors, spec.Strategy, Spec.Child("strategy"));
        WorkloadValidation.NonNegative(errors, spec.MinReadySeconds, Spec.Child("minReadySeconds"));
        WorkloadValidation.NonNegative(errors, spec.RevisionHistoryLimit, Spec.Child("revisionHistoryLimit"));
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            WorkloadValidation.NonNegative(errors, deadline, Spec.Child("progressDeadlineSeconds"));
            if (deadline <= (spec.MinReadySeconds ?? 0))
                errors.Add(FieldError.Invalid(Spec.Child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
        }
        return errors;
    }

    public override IReadOnlyList<FieldError> ValidateUpdate(Deployment obj, Deployment old)
    {
        var errors = new ErrorList(Validate(obj));
        WorkloadValidation.ImmutableSelector(errors, obj.Spec.Selector, old.Spec.Selector, Spec.Child("selector"));
        return errors;
    }

    private static void ValidateStrategy(ErrorList errors, DeploymentStrategy? strategy, FieldPath path)
    {
        switch (strategy?.Type)
        {
            case "Recreate":
                if (strategy.RollingUpdate is not null)
                    errors.Add(FieldError.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
                break;
            case "RollingUpdate" when strategy.RollingUpdate is { } rolling:
                var p = path.Child("rollingUpdate");
                WorkloadValidation.IntOrPercent(errors, rolling.MaxUnavailable, p.Child("maxUnavailable"));
                WorkloadValidation.IntOrPercent(errors, rolling.MaxSurge, p.Child("maxSurge"));
                if (WorkloadValidation.IntOrPercentValue(rolling.MaxUnavailable) == 0 && WorkloadValidation.IntOrPercentValue(rolling.MaxSurge) == 0)
                    errors.Add(FieldError.Invalid(p.Child("maxUnavailable"), GoSyntax.IntOrString(rolling.MaxUnavailable ?? IntOrString.FromInt(0)), "may not be 0 when `maxSurge` is 0"));
                WorkloadValidation.NotMoreThan100Percent(errors, rolling.MaxUnavailable, p.Child("maxUnavailable"));
                break;
            case "RollingUpdate":
                errors.Add(FieldError.Required(path.Child("rollingUpdate"), "this should be defaulted and never be nil"));
                break;
            default:
                errors.Add(FieldError.NotSupported(path.Child("type"), strategy?.Type ?? "", ["Recreate", "RollingUpdate"]));
                break;
        }
    }

    /// <summary>
    /// deployments/status: the controller's write; spec and owner metadata stay as stored, except the
    /// annotations: as in Kubernetes, the deployment controller records deployment.kubernetes.io/revision
    /// through this subresource.
    /// </summary>
    public static readonly StatusStrategy<Deployment> Status = new(Instance, (d, old) =>
    {
        d.Spec = old.Spec;
        var annotations = d.Metadata.Annotations;
        StatusMeta.KeepFromOld(d.Metadata, old.Metadata);
        d.Metadata.Annotations = annotations;
    });
}
