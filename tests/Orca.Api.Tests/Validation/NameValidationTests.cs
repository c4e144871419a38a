using Orca.Api.Validation;

namespace Orca.Api.Tests.Validation;

public sealed class NameValidationTests
{
    private const string SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035Msg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string NamePartMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string LabelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private const string CIdentMsg = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')";

    [Theory]
    [InlineData("a", "")]
    [InlineData("example.com", "")]
    [InlineData("a-b.c-d", "")]
    [InlineData("0", "")]
    [InlineData("Web_1", SubdomainMsg)]
    [InlineData("-a", SubdomainMsg)]
    [InlineData("a.", SubdomainMsg)]
    [InlineData("a..b", SubdomainMsg)]
    [InlineData("", SubdomainMsg)]
    [InlineData("a\n", SubdomainMsg)]
    public void Dns1123_subdomain(string value, string expected) => AssertMessages(expected, NameValidation.IsDns1123Subdomain(value));

    [Fact]
    public void Dns1123_subdomain_too_long()
    {
        var value = string.Join(".", Enumerable.Repeat(new string('a', 63), 4)) + "a";
        Assert.Equal(["must be no more than 253 characters"], NameValidation.IsDns1123Subdomain(value));
    }

    [Theory]
    [InlineData("abc", "")]
    [InlineData("1abc", "")]
    [InlineData("a.b", "must not contain dots")]
    [InlineData("A", LabelMsg)]
    [InlineData("a-", LabelMsg)]
    [InlineData("", LabelMsg)]
    public void Dns1123_label(string value, string expected) => AssertMessages(expected, NameValidation.IsDns1123Label(value));

    [Fact]
    public void Dns1123_label_too_long()
    {
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsDns1123Label(new string('a', 64)));
        Assert.Empty(NameValidation.IsDns1123Label(new string('a', 63)));
    }

    [Theory]
    [InlineData("abc", "")]
    [InlineData("a-1", "")]
    [InlineData("1abc", Dns1035Msg)]
    [InlineData("a.b", Dns1035Msg)]
    public void Dns1035_label(string value, string expected) => AssertMessages(expected, NameValidation.IsDns1035Label(value));

    [Theory]
    [InlineData("app", "")]
    [InlineData("App_Name.x-1", "")]
    [InlineData("example.com/app", "")]
    [InlineData("k8s.io/name", "")]
    [InlineData("a_", NamePartMsg)]
    [InlineData("", "name part must be non-empty|" + NamePartMsg)]
    [InlineData("/a", "prefix part must be non-empty")]
    [InlineData("example.com/", "name part must be non-empty|" + NamePartMsg)]
    [InlineData("Example.com/a", "prefix part " + SubdomainMsg)]
    [InlineData("a/b/c", "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    public void Qualified_name(string value, string expected) => AssertMessages(expected, NameValidation.IsQualifiedName(value));

    [Fact]
    public void Qualified_name_too_long() =>
        Assert.Equal(["name part must be no more than 63 characters"], NameValidation.IsQualifiedName(new string('a', 64)));

    [Theory]
    [InlineData("", "")]
    [InlineData("v1.2_x-y", "")]
    [InlineData("-a", LabelValueMsg)]
    [InlineData("a b", LabelValueMsg)]
    public void Label_value(string value, string expected) => AssertMessages(expected, NameValidation.IsValidLabelValue(value));

    [Fact]
    public void Label_value_too_long() =>
        Assert.Equal(["must be no more than 63 characters"], NameValidation.IsValidLabelValue(new string('a', 64)));

    [Theory]
    [InlineData(1, "")]
    [InlineData(65535, "")]
    [InlineData(0, "must be between 1 and 65535, inclusive")]
    [InlineData(65536, "must be between 1 and 65535, inclusive")]
    [InlineData(-5, "must be between 1 and 65535, inclusive")]
    public void Port_number(long port, string expected) => AssertMessages(expected, NameValidation.IsValidPortNum(port));

    [Theory]
    [InlineData("http", "")]
    [InlineData("http-alt2", "")]
    [InlineData("a", "")]
    [InlineData("123", "must contain at least one letter (a-z)")]
    [InlineData("HTTP", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)|must contain at least one letter (a-z)")]
    [InlineData("a--b", "must not contain consecutive hyphens")]
    [InlineData("-ab", "must not begin or end with a hyphen")]
    [InlineData("abcdefghijklmnop", "must be no more than 15 characters")]
    [InlineData("", "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)|must contain at least one letter (a-z)")]
    public void Port_name(string value, string expected) => AssertMessages(expected, NameValidation.IsValidPortName(value));

    [Theory]
    [InlineData("MY_VAR", "")]
    [InlineData("_x1", "")]
    [InlineData("1x", CIdentMsg)]
    [InlineData("a-b", CIdentMsg)]
    public void C_identifier(string value, string expected) => AssertMessages(expected, NameValidation.IsCIdentifier(value));

    [Theory]
    [InlineData("MY.env-name", "")]
    [InlineData("1abc", "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")]
    [InlineData("..a", "must not start with '..'")]
    [InlineData(".", "must not be '.'")]
    public void Strict_env_var_name(string value, string expected) => AssertMessages(expected, NameValidation.IsEnvVarName(value));

    [Theory]
    [InlineData("1abc", "")]
    [InlineData("a b:c!", "")]
    [InlineData("a=b", "a valid environment variable name must consist only of printable ASCII characters other than '='")]
    [InlineData("é", "a valid environment variable name must consist only of printable ASCII characters other than '='")]
    [InlineData("", "environment variable name must be non-empty")]
    public void Relaxed_env_var_name(string value, string expected) => AssertMessages(expected, NameValidation.IsRelaxedEnvVarName(value));

    private static void AssertMessages(string expected, IReadOnlyList<string> actual) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), actual);
}
