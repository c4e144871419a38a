using Orca.Api.Selectors;

namespace Orca.Api.Tests.Selectors;

public sealed class FieldSelectorParserTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a=b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("b=1,a=2", "a=2,b=1")]
    [InlineData("a=", "a=")]
    [InlineData("=b", "=b")]
    [InlineData("a=b,", "a=b")]
    [InlineData(",a=b", "a=b")]
    [InlineData("metadata.name=x\\,y", "metadata.name=x\\,y")]
    [InlineData("a=x\\=y", "a=x\\=y")]
    [InlineData("a=x\\\\y", "a=x\\\\y")]
    [InlineData("spec.nodeName=,status.phase!=Running", "spec.nodeName=,status.phase!=Running")]
    public void Parses_to_canonical_form(string text, string canonical)
    {
        Assert.True(FieldSelectorParser.TryParse(text, out var selector, out var error), error);
        Assert.Equal(canonical, selector.ToString());
    }

    [Theory]
    [InlineData("a", "invalid selector: 'a'; can't understand 'a'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a==b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a=b\\", "invalid field selector: invalid escape sequence: \\")]
    [InlineData("a=b\\x", "invalid field selector: invalid escape sequence: \\x")]
    public void Reports_errors_with_kubernetes_wording(string text, string expected)
    {
        Assert.False(FieldSelectorParser.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Exposes_requirements_with_unescaped_values()
    {
        var s = FieldSelectorParser.Parse("status.phase!=Running,metadata.name=a\\,b");
        Assert.Equal(
            [new FieldRequirement("metadata.name", FieldOperator.Equals, "a,b"), new FieldRequirement("status.phase", FieldOperator.NotEquals, "Running")],
            s.Requirements);
        Assert.Equal("foo", FieldSelectorParser.Parse("metadata.name=x,foo=y").FirstUnsupportedField(new HashSet<string> { "metadata.name", "metadata.namespace" }));
        Assert.Null(s.FirstUnsupportedField(new HashSet<string> { "metadata.name", "status.phase" }));
    }

    [Theory]
    [InlineData("metadata.name=web", "metadata.name", true, "web")]
    [InlineData("metadata.name==web", "metadata.name", true, "web")]
    [InlineData("metadata.name!=web", "metadata.name", false, "")]
    [InlineData("metadata.namespace=ns,metadata.name=x", "metadata.namespace", true, "ns")]
    [InlineData("", "metadata.name", false, "")]
    public void Finds_exact_matches(string text, string field, bool found, string value)
    {
        Assert.Equal(found, FieldSelectorParser.Parse(text).RequiresExactMatch(field, out var v));
        Assert.Equal(value, v);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("metadata.name=web", true)]
    [InlineData("metadata.name=db", false)]
    [InlineData("metadata.name!=db", true)]
    [InlineData("spec.nodeName=", true)]
    [InlineData("spec.nodeName!=", false)]
    [InlineData("metadata.name=web,status.phase=Running", true)]
    [InlineData("metadata.name=web,status.phase=Pending", false)]
    [InlineData("unknown=", true)]
    public void Matches_fields(string text, bool expected)
    {
        var fields = new Dictionary<string, string> { ["metadata.name"] = "web", ["status.phase"] = "Running", ["spec.nodeName"] = "" };
        var s = FieldSelectorParser.Parse(text);
        Assert.Equal(expected, s.Matches(fields));
        Assert.Equal(expected, s.Matches(f => fields.GetValueOrDefault(f)));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b=c\\d", "a\\,b\\=c\\\\d")]
    public void Escape_round_trips(string raw, string escaped)
    {
        Assert.Equal(escaped, FieldSelectorParser.EscapeValue(raw));
        Assert.True(FieldSelectorParser.TryUnescapeValue(escaped, out var back, out _));
        Assert.Equal(raw, back);
    }
}
