using System.Text.RegularExpressions;
using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Selectors;
using Orca.Api.Validation;

namespace Orca.ApiServer.Resources.Workloads;

/// <summary>
/// The validation pieces the workload kinds share (apps/validation in Kubernetes): selectors that must
/// match their template, replica templates, counts and int-or-percent values, with Kubernetes' wording.
/// </summary>
internal static partial class WorkloadValidation
{
    public const string SelectorMismatch = "`selector` does not match template `labels`";

    /// <summary>ValidateNonnegativeField for an optional value.</summary>
    public static void NonNegative(ErrorList errors, long? value, FieldPath path)
    {
        if (value is < 0) errors.Add(FieldError.Invalid(path, value.Value, ObjectMetaValidator.IsNegativeErrorMsg));
    }

    /// <summary>A required, valid, non-empty selector; <paramref name="kind"/> names the kind in the empty-selector message.</summary>
    public static void RequiredSelector(ErrorList errors, LabelSelector? selector, FieldPath path, string kind)
    {
        if (selector is null)
        {
            errors.Add(FieldError.Required(path));
            return;
        }
        errors.AddRange(LabelSelectorValidator.Validate(selector, path));
        if ((selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0) == 0)
            errors.Add(FieldError.Invalid(path, GoSyntax.LabelSelector(selector), $"empty selector is invalid for {kind}"));
    }

    /// <summary>Whether a selector converts and selects the labels (a nil or invalid selector never does).</summary>
    public static bool Selects(LabelSelector? selector, IReadOnlyDictionary<string, string>? labels) =>
        LabelSelectorConverter.TryConvert(selector, out var expr, out _) && expr.Matches(labels ?? new Dictionary<string, string>());

    /// <summary>The template's labels must be selected by a non-empty selector.</summary>
    public static void TemplateMatches(ErrorList errors, LabelSelector? selector, PodTemplateSpec? template, FieldPath templatePath)
    {
        if (template is null || !LabelSelectorConverter.TryConvert(selector, out var expr, out _) || expr.IsEmpty || expr.MatchesNothing) return;
        var labels = template.Metadata?.Labels;
        if (!expr.Matches(labels ?? new Dictionary<string, string>()))
            errors.Add(FieldError.Invalid(templatePath.Child("metadata", "labels"), GoSyntax.StringMap(labels), SelectorMismatch));
    }

    /// <summary>
    /// A template of always-running replicas (ValidatePodTemplateSpecForReplicaSet and friends): the
    /// pod template rules, restartPolicy Always, and no activeDeadlineSeconds.
    /// </summary>
    public static void ReplicaTemplate(ErrorList errors, PodTemplateSpec? template, FieldPath path, string deadlineMessage)
    {
        errors.AddRange(PodValidation.ValidateTemplate(template, path));
        if (template?.Spec is not { } spec) return;
        if (spec.RestartPolicy is { } policy && policy != "Always")
            errors.Add(FieldError.NotSupported(path.Child("spec", "restartPolicy"), policy, ["Always"]));
        if (spec.ActiveDeadlineSeconds is not null)
            errors.Add(FieldError.Forbidden(path.Child("spec", "activeDeadlineSeconds"), deadlineMessage));
    }

    /// <summary>ValidatePositiveIntOrPercent: a non-negative number or a "N%" string.</summary>
    public static void IntOrPercent(ErrorList errors, IntOrString? value, FieldPath path)
    {
        if (value is not { } v) return;
        if (v.IsInt)
        {
            NonNegative(errors, v.IntValue, path);
            return;
        }
        if (!PercentPattern().IsMatch(v.StringValue ?? ""))
            errors.Add(FieldError.Invalid(path, GoSyntax.IntOrString(v),
                "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
    }

    /// <summary>A number or percentage of pods that may not exceed 100%: IntOrPercent plus NotMoreThan100Percent.</summary>
    public static void PodBudget(ErrorList errors, IntOrString? value, FieldPath path)
    {
        IntOrPercent(errors, value, path);
        NotMoreThan100Percent(errors, value, path);
    }

    /// <summary>IsNotMoreThan100Percent.</summary>
    public static void NotMoreThan100Percent(ErrorList errors, IntOrString? value, FieldPath path)
    {
        if (value is { IsInt: false } v && PercentValue(v) is > 100)
            errors.Add(FieldError.Invalid(path, GoSyntax.IntOrString(v), "must not be greater than 100%"));
    }

    /// <summary>The number of a valid percentage, or null.</summary>
    public static int? PercentValue(IntOrString value) =>
        !value.IsInt && PercentPattern().IsMatch(value.StringValue ?? "") && int.TryParse(value.StringValue![..^1], out var n) ? n : null;

    /// <summary>The plain value of an int or percentage (getIntOrPercentValue): the number either way.</summary>
    public static int IntOrPercentValue(IntOrString? value) => value switch
    {
        null => 0,
        { IsInt: true } v => v.IntValue!.Value,
        { } v => PercentValue(v) ?? 0,
    };

    /// <summary>Adds <c>field is immutable</c> for a selector that changed.</summary>
    public static void ImmutableSelector(ErrorList errors, LabelSelector? selector, LabelSelector? old, FieldPath path)
    {
        if (!SameJson(selector, old)) errors.Add(FieldError.Invalid(path, GoSyntax.LabelSelector(selector), ObjectMetaValidator.FieldImmutableErrorMsg));
    }

    /// <summary>Deep equality through the JSON form (what "semantically equal" means for API values).</summary>
    public static bool SameJson<T>(T? a, T? b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.JsonSerializer.SerializeToNode(a, Orca.Api.Json.ApiJson.Options),
            System.Text.Json.JsonSerializer.SerializeToNode(b, Orca.Api.Json.ApiJson.Options));

    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex PercentPattern();
}
