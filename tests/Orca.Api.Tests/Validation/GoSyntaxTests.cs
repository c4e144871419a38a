using Orca.Api.Meta;
using Orca.Api.Validation;

namespace Orca.Api.Tests.Validation;

/// <summary>Bad values printed as Go's %#v prints them in Kubernetes' field errors.</summary>
public sealed class GoSyntaxTests
{
    [Fact]
    public void Maps_print_sorted_with_quoted_keys_and_values()
    {
        Assert.Equal("map[string]string{\"a\":\"1\", \"b\":\"x\\\"y\"}", GoSyntax.StringMap(new Dictionary<string, string> { ["b"] = "x\"y", ["a"] = "1" }).ToString());
        Assert.Equal("map[string]string(nil)", GoSyntax.StringMap(null).ToString());
    }

    [Fact]
    public void Label_selectors_print_as_v1_structs_and_null_pointers_as_null()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["a", "b"] }],
        };
        Assert.Equal(
            "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", Values:[]string{\"a\", \"b\"}}}}",
            GoSyntax.LabelSelector(selector)!.ToString());
        Assert.Equal("spec.selector: Invalid value: null: x", FieldError.Invalid(FieldPath.New("spec", "selector"), GoSyntax.LabelSelector(null), "x").ToString());
    }

    [Fact]
    public void Int_or_string_prints_its_type_tag()
    {
        Assert.Equal("intstr.IntOrString{Type:0, IntVal:5, StrVal:\"\"}", GoSyntax.IntOrString(IntOrString.FromInt(5)).ToString());
        Assert.Equal("intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25%\"}", GoSyntax.IntOrString(IntOrString.FromString("25%")).ToString());
    }
}
