using Orca.Api.Policy;
using Orca.Api.Validation;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Resources.Policy;

/// <summary>policy/v1 poddisruptionbudgets: validation of the budget (spec is mutable); status only through /status.</summary>
internal sealed class PodDisruptionBudgetStrategy : Strategy<PodDisruptionBudget>
{
    public static readonly PodDisruptionBudgetStrategy Instance = new();

    private static readonly FieldPath Spec = FieldPath.New("spec");
    private static readonly string[] EvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"];

    public override void PrepareForCreate(PodDisruptionBudget obj) => obj.Status = new PodDisruptionBudgetStatus();

    public override void PrepareForUpdate(PodDisruptionBudget obj, PodDisruptionBudget old) => obj.Status = old.Status;

    public override IReadOnlyList<FieldError> Validate(PodDisruptionBudget obj)
    {
        var errors = new ErrorList();
        var spec = obj.Spec;
        if (spec.MinAvailable is not null && spec.MaxUnavailable is not null)
            errors.Add(FieldError.Invalid(Spec, GoSyntax.Raw("policy.PodDisruptionBudgetSpec{...}"), "minAvailable and maxUnavailable cannot be both set"));
        WorkloadValidation.PodBudget(errors, spec.MinAvailable, Spec.Child("minAvailable"));
        WorkloadValidation.PodBudget(errors, spec.MaxUnavailable, Spec.Child("maxUnavailable"));
        errors.AddRange(LabelSelectorValidator.Validate(spec.Selector, Spec.Child("selector")));
        if (spec.UnhealthyPodEvictionPolicy is { } policy && !EvictionPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(Spec.Child("unhealthyPodEvictionPolicy"), policy, EvictionPolicies));
        return errors;
    }

    public static readonly StatusStrategy<PodDisruptionBudget> Status = new(Instance, (pdb, old) =>
    {
        pdb.Spec = old.Spec;
        StatusMeta.KeepFromOld(pdb.Metadata, old.Metadata);
    });
}
