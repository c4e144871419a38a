using System.Text.RegularExpressions;

namespace Orca.Api.Validation;

/// <summary>
/// Kubernetes' string validators (k8s.io/apimachinery/pkg/util/validation). Each returns the list of
/// problems in Kubernetes' wording; an empty list means valid. Thread safe.
/// </summary>
public static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1035LabelMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;

    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string CIdentifierFmt = "[A-Za-z_][A-Za-z0-9_]*";
    private const string CIdentifierErrMsg = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
    private const string EnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    private const string EnvVarNameErrMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
    private const string RelaxedEnvVarNameErrMsg = "a valid environment variable name must consist only of printable ASCII characters other than '='";

    [GeneratedRegex("^" + QualifiedNameFmt + "\\z")] private static partial Regex QualifiedNameRegex();
    [GeneratedRegex("^" + LabelValueFmt + "\\z")] private static partial Regex LabelValueRegex();
    [GeneratedRegex("^" + Dns1123LabelFmt + "\\z")] private static partial Regex Dns1123LabelRegex();
    [GeneratedRegex("^" + Dns1123SubdomainFmt + "\\z")] private static partial Regex Dns1123SubdomainRegex();
    [GeneratedRegex("^" + Dns1035LabelFmt + "\\z")] private static partial Regex Dns1035LabelRegex();
    [GeneratedRegex("^" + CIdentifierFmt + "\\z")] private static partial Regex CIdentifierRegex();
    [GeneratedRegex("^" + EnvVarNameFmt + "\\z")] private static partial Regex EnvVarNameRegex();
    [GeneratedRegex("^[-a-z0-9]+\\z")] private static partial Regex PortNameCharsetRegex();

    public static string EmptyError() => "must be non-empty";

    public static string MaxLenError(int length) => $"must be no more than {length} characters";

    public static string InclusiveRangeError(long lo, long hi) => $"must be between {lo} and {hi}, inclusive";

    /// <summary>Kubernetes' RegexError: the message, examples and the regex in its exact punctuation.</summary>
    public static string RegexError(string msg, string regex, params string[] examples)
    {
        if (examples.Length == 0) return msg + " (regex used for validation is '" + regex + "')";
        var s = msg + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) s += " or ";
            s += "'" + examples[i] + "', ";
        }
        return s + "regex used for validation is '" + regex + "')";
    }

    /// <summary>Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0) errs.Add("prefix part " + EmptyError());
                else errs.AddRange(IsDns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0) errs.Add("name part " + EmptyError());
        else if (name.Length > QualifiedNameMaxLength) errs.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        if (!QualifiedNameRegex().IsMatch(name)) errs.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        return errs;
    }

    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (value.Length > LabelValueMaxLength) errs.Add(MaxLenError(LabelValueMaxLength));
        if (!LabelValueRegex().IsMatch(value)) errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errs;
    }

    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123LabelMaxLength) errs.Add(MaxLenError(Dns1123LabelMaxLength));
        if (!Dns1123LabelRegex().IsMatch(value))
        {
            errs.Add(Dns1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength) errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!Dns1123SubdomainRegex().IsMatch(value)) errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        return errs;
    }

    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        var errs = new List<string>();
        if (value.Length > Dns1035LabelMaxLength) errs.Add(MaxLenError(Dns1035LabelMaxLength));
        if (!Dns1035LabelRegex().IsMatch(value)) errs.Add(RegexError(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        return errs;
    }

    public static IReadOnlyList<string> IsCIdentifier(string value) =>
        CIdentifierRegex().IsMatch(value) ? [] : [RegexError(CIdentifierErrMsg, CIdentifierFmt, "my_name", "MY_NAME", "MyName")];

    /// <summary>The strict environment variable name rule (used when RelaxedEnvironmentVariableValidation is off).</summary>
    public static IReadOnlyList<string> IsEnvVarName(string value)
    {
        var errs = new List<string>();
        if (!EnvVarNameRegex().IsMatch(value)) errs.Add(RegexError(EnvVarNameErrMsg, EnvVarNameFmt, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        errs.AddRange(ChDirPrefixErrors(value));
        return errs;
    }

    /// <summary>
    /// The relaxed environment variable name rule of Kubernetes 1.32 (RelaxedEnvironmentVariableValidation,
    /// beta and on by default): any printable ASCII except '='.
    /// </summary>
    public static IReadOnlyList<string> IsRelaxedEnvVarName(string value)
    {
        var errs = new List<string>();
        if (value.Length == 0) errs.Add("environment variable name " + EmptyError());
        if (value.Any(c => c < 0x20 || c > 0x7e || c == '=')) errs.Add(RelaxedEnvVarNameErrMsg);
        return errs;
    }

    public static IReadOnlyList<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    /// <summary>An IANA_SVC_NAME: at most 15 characters of a-z, 0-9 and '-', at least one letter, no '--', no hyphen at either end.</summary>
    public static IReadOnlyList<string> IsValidPortName(string port)
    {
        var errs = new List<string>();
        if (port.Length > 15) errs.Add(MaxLenError(15));
        if (!PortNameCharsetRegex().IsMatch(port)) errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!port.Any(c => c is >= 'a' and <= 'z')) errs.Add("must contain at least one letter (a-z)");
        if (port.Contains("--", StringComparison.Ordinal)) errs.Add("must not contain consecutive hyphens");
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-')) errs.Add("must not begin or end with a hyphen");
        return errs;
    }

    private static IEnumerable<string> ChDirPrefixErrors(string value)
    {
        if (value == ".") yield return "must not be '.'";
        else if (value == "..") yield return "must not be '..'";
        else if (value.StartsWith("..", StringComparison.Ordinal)) yield return "must not start with '..'";
    }
}
