using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Validation;
using Orca.ApiServer.Resources.Workloads;

namespace Orca.ApiServer.Resources.Batch;

/// <summary>batch/v1 job spec rules (Kubernetes' batch validation), shared by Jobs and CronJob job templates.</summary>
internal static class JobValidation
{
    private const int MaxParallelismForIndexedJob = 100_000;
    private static readonly string[] CompletionModes = ["NonIndexed", "Indexed"];
    private static readonly string[] FailureActions = ["Count", "FailIndex", "FailJob", "Ignore"];
    private static readonly string[] ReplacementPolicies = ["Failed", "TerminatingOrFailed"];
    private static readonly string[] RestartPolicies = ["OnFailure", "Never"];

    /// <summary>validateJobSpec: counts, completion mode, failure and replacement policies, the pod template.</summary>
    public static void Spec(ErrorList errors, JobSpec spec, FieldPath path)
    {
        WorkloadValidation.NonNegative(errors, spec.Parallelism, path.Child("parallelism"));
        WorkloadValidation.NonNegative(errors, spec.Completions, path.Child("completions"));
        WorkloadValidation.NonNegative(errors, spec.ActiveDeadlineSeconds, path.Child("activeDeadlineSeconds"));
        WorkloadValidation.NonNegative(errors, spec.BackoffLimit, path.Child("backoffLimit"));
        WorkloadValidation.NonNegative(errors, spec.TtlSecondsAfterFinished, path.Child("ttlSecondsAfterFinished"));
        WorkloadValidation.NonNegative(errors, spec.BackoffLimitPerIndex, path.Child("backoffLimitPerIndex"));
        if (spec.MaxFailedIndexes is { } maxFailed)
        {
            WorkloadValidation.NonNegative(errors, maxFailed, path.Child("maxFailedIndexes"));
            if (spec.BackoffLimitPerIndex is null)
                errors.Add(FieldError.Required(path.Child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
        }
        CompletionMode(errors, spec, path);
        if (spec.PodFailurePolicy is { } failurePolicy) PodFailurePolicy(errors, failurePolicy, spec, path.Child("podFailurePolicy"));
        if (spec.PodReplacementPolicy is { } replacement)
        {
            if (!ReplacementPolicies.Contains(replacement))
                errors.Add(FieldError.NotSupported(path.Child("podReplacementPolicy"), replacement, ReplacementPolicies));
            else if (spec.PodFailurePolicy is not null && replacement != "Failed")
                errors.Add(FieldError.NotSupported(path.Child("podReplacementPolicy"), replacement, ["Failed"]));
        }
        Template(errors, spec.Template, path.Child("template"));
    }

    /// <summary>ValidatePodTemplateSpecForJob: the pod template rules and restartPolicy OnFailure or Never.</summary>
    public static void Template(ErrorList errors, PodTemplateSpec template, FieldPath path)
    {
        errors.AddRange(PodValidation.ValidateTemplate(template, path));
        var policy = template.Spec?.RestartPolicy ?? "";
        if (!RestartPolicies.Contains(policy))
            errors.Add(FieldError.NotSupported(path.Child("spec", "restartPolicy"), policy, RestartPolicies));
    }

    private static void CompletionMode(ErrorList errors, JobSpec spec, FieldPath path)
    {
        if (spec.CompletionMode is { } mode)
        {
            if (!CompletionModes.Contains(mode)) errors.Add(FieldError.NotSupported(path.Child("completionMode"), mode, CompletionModes));
            if (mode == "Indexed")
            {
                if (spec.Completions is null) errors.Add(FieldError.Required(path.Child("completions"), "when completion mode is Indexed"));
                if (spec.Parallelism is > MaxParallelismForIndexedJob)
                    errors.Add(FieldError.Invalid(path.Child("parallelism"), spec.Parallelism.Value,
                        $"must be less than or equal to {MaxParallelismForIndexedJob} when completion mode is Indexed"));
            }
        }
        if (spec.CompletionMode is null or "NonIndexed")
        {
            if (spec.BackoffLimitPerIndex is { } perIndex)
                errors.Add(FieldError.Invalid(path.Child("backoffLimitPerIndex"), perIndex, "requires indexed completion mode"));
            if (spec.MaxFailedIndexes is { } maxFailed)
                errors.Add(FieldError.Invalid(path.Child("maxFailedIndexes"), maxFailed, "requires indexed completion mode"));
        }
    }

    private static void PodFailurePolicy(ErrorList errors, PodFailurePolicy policy, JobSpec spec, FieldPath path)
    {
        var rules = path.Child("rules");
        if (policy.Rules.Count > 20) errors.Add(FieldError.TooMany(rules, policy.Rules.Count, 20));
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            var p = rules.Index(i);
            if (!FailureActions.Contains(rule.Action)) errors.Add(FieldError.NotSupported(p.Child("action"), rule.Action, FailureActions));
            else if (rule.Action == "FailIndex" && spec.BackoffLimitPerIndex is null)
                errors.Add(FieldError.Forbidden(p.Child("action"), "requires the backoffLimitPerIndex to be set"));
            if (rule.OnExitCodes is not null && rule.OnPodConditions is { Count: > 0 })
                errors.Add(FieldError.Invalid(p, GoSyntax.Raw("batch.PodFailurePolicyRule{...}"), "specifying both OnExitCodes and OnPodConditions is not supported"));
            else if (rule.OnExitCodes is null && rule.OnPodConditions is not { Count: > 0 })
                errors.Add(FieldError.Invalid(p, GoSyntax.Raw("batch.PodFailurePolicyRule{...}"), "specifying one of OnExitCodes and OnPodConditions is required"));
            if (rule.OnExitCodes is { } codes) ExitCodes(errors, codes, p.Child("onExitCodes"));
        }
    }

    private static void ExitCodes(ErrorList errors, PodFailurePolicyOnExitCodesRequirement codes, FieldPath path)
    {
        if (codes.Operator is not ("In" or "NotIn")) errors.Add(FieldError.NotSupported(path.Child("operator"), codes.Operator, ["In", "NotIn"]));
        if (codes.Values.Count == 0) errors.Add(FieldError.Required(path.Child("values"), "at least one value is required"));
        for (var i = 0; i < codes.Values.Count; i++)
        {
            if (i > 0 && codes.Values[i] == codes.Values[i - 1]) errors.Add(FieldError.Duplicate(path.Child("values").Index(i), codes.Values[i]));
            else if (i > 0 && codes.Values[i] < codes.Values[i - 1]) errors.Add(FieldError.Invalid(path.Child("values").Index(i), codes.Values[i], "must be ordered"));
            if (codes.Operator == "In" && codes.Values[i] == 0) errors.Add(FieldError.Invalid(path.Child("values").Index(i), 0, "must not be 0 for the In operator"));
        }
    }
}
