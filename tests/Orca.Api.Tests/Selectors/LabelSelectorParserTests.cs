using Orca.Api.Selectors;

namespace Orca.Api.Tests.Selectors;

public sealed class LabelSelectorParserTests
{
    private const string NamePartMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string LabelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a==b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("a", "a")]
    [InlineData("!a", "!a")]
    [InlineData(" ! a ", "!a")]
    [InlineData("a in (y,x)", "a in (x,y)")]
    [InlineData("a notin (x)", "a notin (x)")]
    [InlineData("a in (x,x,y)", "a in (x,y)")]
    [InlineData("a in ()", "a in ()")]
    [InlineData("a in (x,,y)", "a in (,x,y)")]
    [InlineData("a in (,x)", "a in (,x)")]
    [InlineData("a in (x,)", "a in (,x)")]
    [InlineData("a=", "a=")]
    [InlineData("a=,b", "a=,b")]
    [InlineData("z=1,a=2", "a=2,z=1")]
    [InlineData("  env = prod ,  tier!=web  ", "env=prod,tier!=web")]
    [InlineData("x>1", "x>1")]
    [InlineData("x<10", "x<10")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    [InlineData("a in (in,notin)", "a in (in,notin)")]
    [InlineData("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()")]
    [InlineData("a\tin\t(b)", "a in (b)")]
    public void Parses_to_canonical_form(string text, string canonical)
    {
        Assert.True(LabelSelectorParser.TryParse(text, out var selector, out var error), error);
        Assert.Equal(canonical, selector.ToString());
        Assert.True(LabelSelectorParser.TryParse(canonical, out var again, out _));
        Assert.Equal(canonical, again.ToString());
    }

    [Theory]
    [InlineData("a=b,", "found '', expected: identifier after ','")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("a in x", "unable to parse requirement: found 'x' expected: '('")]
    [InlineData("a in (x", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a (x)", "unable to parse requirement: found '(', expected: '=', '!=', '==', 'in', notin'")]
    [InlineData("a==(x)", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a,,b", "found ',', expected: identifier after ','")]
    [InlineData("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void Reports_syntax_errors_with_kubernetes_wording(string text, string expected)
    {
        Assert.False(LabelSelectorParser.TryParse(text, out var selector, out var error));
        Assert.Equal(expected, error);
        Assert.False(selector.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Rejects_invalid_keys()
    {
        Assert.False(LabelSelectorParser.TryParse("a_=b", out _, out var error));
        Assert.Equal("unable to parse requirement: : Invalid value: \"a_\": " + NamePartMsg, error);
    }

    [Fact]
    public void Rejects_invalid_values_with_the_value_path()
    {
        Assert.False(LabelSelectorParser.TryParse("env=a$", out _, out var error));
        Assert.Equal("unable to parse requirement: values[0][env]: Invalid value: \"a$\": " + LabelValueMsg, error);
    }

    [Fact]
    public void Rejects_too_long_keys_with_both_messages()
    {
        var key = new string('a', 64);
        Assert.False(LabelSelectorParser.TryParse(key, out _, out var error));
        Assert.Equal($"unable to parse requirement: : Invalid value: \"{key}\": name part must be no more than 63 characters", error);
    }

    public static TheoryData<string, string, bool> MatchCases => new()
    {
        { "", "", true },
        { "", "a=b", true },
        { "a=b", "a=b", true },
        { "a=b", "a=c", false },
        { "a=b", "", false },
        { "a==b", "a=b", true },
        { "a!=b", "a=b", false },
        { "a!=b", "a=c", true },
        { "a!=b", "", true },
        { "a in (x,y)", "a=y", true },
        { "a in (x,y)", "a=z", false },
        { "a in (x,y)", "b=x", false },
        { "a notin (x,y)", "a=z", true },
        { "a notin (x,y)", "a=x", false },
        { "a notin (x,y)", "", true },
        { "a", "a=", true },
        { "a", "b=c", false },
        { "!a", "b=c", true },
        { "!a", "a=", false },
        { "a=", "a=", true },
        { "a in ()", "a=", true },
        { "x>1", "x=2", true },
        { "x>1", "x=1", false },
        { "x>1", "x=abc", false },
        { "x>1", "", false },
        { "x<5", "x=-3", true },
        { "a=b,c", "a=b,c=d", true },
        { "a=b,c", "a=b", false },
        { "app=web,tier notin (db)", "app=web,tier=fe", true },
    };

    [Theory]
    [MemberData(nameof(MatchCases))]
    public void Matches_labels(string selector, string labels, bool expected)
    {
        var parsed = LabelSelectorParser.Parse(selector);
        Assert.Equal(expected, parsed.Matches(ParseLabels(labels)));
    }

    [Fact]
    public void Everything_nothing_and_empty()
    {
        Assert.True(LabelSelectorExpr.Everything.IsEmpty);
        Assert.True(LabelSelectorExpr.Everything.Matches(null));
        Assert.False(LabelSelectorExpr.Nothing.IsEmpty);
        Assert.False(LabelSelectorExpr.Nothing.Matches(new Dictionary<string, string>()));
        Assert.Same(LabelSelectorExpr.Everything, LabelSelectorParser.Parse(""));
        Assert.False(LabelSelectorParser.Parse("a").IsEmpty);
    }

    [Theory]
    [InlineData("a=b", "a", true, "b")]
    [InlineData("a==b", "a", true, "b")]
    [InlineData("a in (b)", "a", true, "b")]
    [InlineData("a in (b,c)", "a", false, "")]
    [InlineData("a!=b", "a", false, "")]
    [InlineData("c=d", "a", false, "")]
    public void Finds_exact_matches(string selector, string key, bool found, string value)
    {
        Assert.Equal(found, LabelSelectorParser.Parse(selector).RequiresExactMatch(key, out var v));
        Assert.Equal(value, v);
    }

    [Fact]
    public void From_set_builds_equality_requirements()
    {
        var s = LabelSelectorExpr.FromSet(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        Assert.Equal("a=1,b=2", s.ToString());
        Assert.True(LabelSelectorExpr.FromSet(null).IsEmpty);
    }

    internal static Dictionary<string, string> ParseLabels(string text) =>
        text.Length == 0
            ? new Dictionary<string, string>()
            : text.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
}
