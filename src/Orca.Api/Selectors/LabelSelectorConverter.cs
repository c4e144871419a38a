using Orca.Api.Meta;

namespace Orca.Api.Selectors;

/// <summary>
/// Turns a metav1.LabelSelector into a <see cref="LabelSelectorExpr"/> as Kubernetes'
/// LabelSelectorAsSelector does. Semantics to keep in mind: a <c>null</c> selector selects nothing, an
/// empty one (no matchLabels, no matchExpressions) selects everything. Thread safe.
/// </summary>
public static class LabelSelectorConverter
{
    /// <summary>
    /// Converts <paramref name="selector"/>. On failure returns false with Kubernetes' message, e.g.
    /// <c>"Foo" is not a valid label selector operator</c> or a requirement validation error.
    /// </summary>
    public static bool TryConvert(LabelSelector? selector, out LabelSelectorExpr expr, out string error)
    {
        expr = LabelSelectorExpr.Nothing;
        error = "";
        if (selector is null) return true;
        var matchLabels = selector.MatchLabels ?? [];
        var expressions = selector.MatchExpressions ?? [];
        if (matchLabels.Count + expressions.Count == 0)
        {
            expr = LabelSelectorExpr.Everything;
            return true;
        }
        var requirements = new List<LabelRequirement>();
        foreach (var (k, v) in matchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!LabelRequirement.TryCreate(k, LabelOperator.Equals, [v], out var r, out error)) return false;
            requirements.Add(r);
        }
        foreach (var e in expressions)
        {
            LabelOperator op;
            switch (e.Operator)
            {
                case "In": op = LabelOperator.In; break;
                case "NotIn": op = LabelOperator.NotIn; break;
                case "Exists": op = LabelOperator.Exists; break;
                case "DoesNotExist": op = LabelOperator.DoesNotExist; break;
                default:
                    error = Validation.GoText.Quote(e.Operator) + " is not a valid label selector operator";
                    return false;
            }
            if (!LabelRequirement.TryCreate(e.Key, op, e.Values ?? [], out var r, out error)) return false;
            requirements.Add(r);
        }
        expr = LabelSelectorExpr.FromRequirements(requirements);
        return true;
    }

    /// <summary>
    /// The selector as the text form clients send in <c>?labelSelector=</c> (Kubernetes' FormatLabelSelector):
    /// <c>&lt;none&gt;</c> for an empty selector, <c>&lt;error&gt;</c> for an invalid one; null gives "".
    /// </summary>
    public static string Format(LabelSelector? selector)
    {
        if (!TryConvert(selector, out var expr, out _)) return "<error>";
        if (selector is null) return "";
        var text = expr.ToString();
        return text.Length == 0 ? "<none>" : text;
    }
}
