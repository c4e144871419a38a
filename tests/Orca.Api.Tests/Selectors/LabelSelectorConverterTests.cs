using Orca.Api.Meta;
using Orca.Api.Selectors;

namespace Orca.Api.Tests.Selectors;

public sealed class LabelSelectorConverterTests
{
    [Fact]
    public void Null_selects_nothing_and_empty_selects_everything()
    {
        Assert.True(LabelSelectorConverter.TryConvert(null, out var none, out _));
        Assert.False(none.Matches(new Dictionary<string, string> { ["a"] = "b" }));
        Assert.True(none.MatchesNothing);

        Assert.True(LabelSelectorConverter.TryConvert(new LabelSelector(), out var all, out _));
        Assert.True(all.Matches(new Dictionary<string, string> { ["a"] = "b" }));
        Assert.True(all.IsEmpty);

        Assert.True(LabelSelectorConverter.TryConvert(new LabelSelector { MatchLabels = [], MatchExpressions = [] }, out var all2, out _));
        Assert.True(all2.IsEmpty);
    }

    [Fact]
    public void Converts_match_labels_and_expressions()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions =
            [
                new() { Key = "tier", Operator = "In", Values = ["fe", "be"] },
                new() { Key = "env", Operator = "NotIn", Values = ["dev"] },
                new() { Key = "track", Operator = "Exists" },
                new() { Key = "legacy", Operator = "DoesNotExist" },
            ],
        };
        Assert.True(LabelSelectorConverter.TryConvert(selector, out var expr, out var error), error);
        Assert.Equal("app=web,env notin (dev),!legacy,tier in (be,fe),track", expr.ToString());
        Assert.True(expr.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe", ["track"] = "x" }));
        Assert.False(expr.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe", ["track"] = "x", ["legacy"] = "" }));
        Assert.False(expr.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe", ["track"] = "x", ["env"] = "dev" }));
    }

    [Theory]
    [InlineData("Foo", null, "\"Foo\" is not a valid label selector operator")]
    [InlineData("In", null, "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("Exists", "x", "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist")]
    public void Reports_conversion_errors(string op, string? value, string expected)
    {
        var selector = new LabelSelector
        {
            MatchExpressions = [new() { Key = "a", Operator = op, Values = value is null ? null : [value] }],
        };
        Assert.False(LabelSelectorConverter.TryConvert(selector, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Reports_invalid_match_label_keys()
    {
        var selector = new LabelSelector { MatchLabels = new() { ["-a"] = "b" } };
        Assert.False(LabelSelectorConverter.TryConvert(selector, out _, out var error));
        Assert.StartsWith("key: Invalid value: \"-a\": name part must consist of", error);
    }

    [Fact]
    public void Formats_like_kubectl()
    {
        Assert.Equal("<none>", LabelSelectorConverter.Format(new LabelSelector()));
        Assert.Equal("a=b", LabelSelectorConverter.Format(new LabelSelector { MatchLabels = new() { ["a"] = "b" } }));
        Assert.Equal("<error>", LabelSelectorConverter.Format(new LabelSelector { MatchExpressions = [new() { Key = "a", Operator = "X" }] }));
    }
}
