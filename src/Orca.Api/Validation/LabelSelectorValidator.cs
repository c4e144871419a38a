using Orca.Api.Meta;

namespace Orca.Api.Validation;

/// <summary>metav1.LabelSelector field rules (Kubernetes' metav1validation.ValidateLabelSelector). Thread safe.</summary>
public static class LabelSelectorValidator
{
    /// <summary>A null selector is valid (it selects nothing); errors are reported under <paramref name="path"/>.</summary>
    public static ErrorList Validate(LabelSelector? selector, FieldPath path, bool allowInvalidLabelValueInSelector = false)
    {
        var errs = new ErrorList();
        if (selector is null) return errs;
        errs.AddRange(ObjectMetaValidator.ValidateLabels(selector.MatchLabels, path.Child("matchLabels")));
        var expressions = selector.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            errs.AddRange(ValidateRequirement(expressions[i], path.Child("matchExpressions").Index(i), allowInvalidLabelValueInSelector));
        }
        return errs;
    }

    public static ErrorList ValidateRequirement(LabelSelectorRequirement requirement, FieldPath path, bool allowInvalidLabelValueInSelector = false)
    {
        var errs = new ErrorList();
        var values = requirement.Values ?? [];
        switch (requirement.Operator)
        {
            case "In" or "NotIn":
                if (values.Count == 0) errs.Add(FieldError.Required(path.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                break;
            case "Exists" or "DoesNotExist":
                if (values.Count > 0) errs.Add(FieldError.Forbidden(path.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                break;
            default:
                errs.Add(FieldError.Invalid(path.Child("operator"), requirement.Operator, "not a valid selector operator"));
                break;
        }
        foreach (var msg in NameValidation.IsQualifiedName(requirement.Key))
            errs.Add(FieldError.Invalid(path.Child("key"), requirement.Key, msg));
        if (!allowInvalidLabelValueInSelector)
        {
            for (var i = 0; i < values.Count; i++)
            {
                foreach (var msg in NameValidation.IsValidLabelValue(values[i]))
                    errs.Add(FieldError.Invalid(path.Child("values").Index(i), values[i], msg));
            }
        }
        return errs;
    }
}
