using System.Globalization;
using Orca.Api.Meta;

namespace Orca.Api.Validation;

/// <summary>
/// Bad values for field errors that Kubernetes prints with Go's <c>%#v</c> (structs and maps the
/// validators pass whole), so messages read as the API server writes them, e.g.
/// <c>spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable</c>.
/// Each method returns a value whose ToString is that text. Thread safe.
/// </summary>
public static class GoSyntax
{
    /// <summary>A map[string]string, keys in ordinal order as Go's fmt sorts them.</summary>
    public static object StringMap(IReadOnlyDictionary<string, string>? map) => new Rendered(MapText(map));

    /// <summary>A metav1.LabelSelector (a null pointer prints as <c>null</c>).</summary>
    public static object? LabelSelector(LabelSelector? selector) => selector is null ? null : new Rendered(SelectorText(selector));

    /// <summary>An intstr.IntOrString: <c>intstr.IntOrString{Type:1, IntVal:0, StrVal:"50%"}</c>.</summary>
    public static object IntOrString(IntOrString value) => new Rendered(value.IsInt
        ? $"intstr.IntOrString{{Type:0, IntVal:{value.IntValue!.Value.ToString(CultureInfo.InvariantCulture)}, StrVal:\"\"}}"
        : $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{GoText.Quote(value.StringValue ?? "")}}}");

    /// <summary>Any text to print as it is.</summary>
    public static object Raw(string text) => new Rendered(text);

    private static string MapText(IReadOnlyDictionary<string, string>? map) => map is null
        ? "map[string]string(nil)"
        : "map[string]string{" + string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => GoText.Quote(kv.Key) + ":" + GoText.Quote(kv.Value))) + "}";

    private static string SelectorText(LabelSelector s)
    {
        var expressions = s.MatchExpressions is null
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + string.Join(", ", s.MatchExpressions.Select(Requirement)) + "}";
        return $"v1.LabelSelector{{MatchLabels:{MapText(s.MatchLabels)}, MatchExpressions:{expressions}}}";
    }

    private static string Requirement(LabelSelectorRequirement r)
    {
        var values = r.Values is null ? "[]string(nil)" : "[]string{" + string.Join(", ", r.Values.Select(GoText.Quote)) + "}";
        return $"v1.LabelSelectorRequirement{{Key:{GoText.Quote(r.Key)}, Operator:{GoText.Quote(r.Operator)}, Values:{values}}}";
    }

    private sealed record Rendered(string Text)
    {
        public override string ToString() => Text;
    }
}
