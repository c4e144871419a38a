using System.Text.RegularExpressions;
using Orca.Api.Meta;

namespace Orca.ApiServer.Registry;

/// <summary>Object metadata checks shared by every resource, as StatusCauses for a 422.</summary>
internal static partial class MetaValidation
{
    public static IEnumerable<StatusCause> ValidateNew(ObjectMeta meta, bool namespaced)
    {
        if (string.IsNullOrEmpty(meta.Name))
        {
            yield return Cause(StatusReasons.CauseFieldValueRequired, "metadata.name", "name or generateName is required");
        }
        else if (!IsDns1123Subdomain(meta.Name))
        {
            yield return Cause(StatusReasons.CauseFieldValueInvalid, "metadata.name",
                $"Invalid value: \"{meta.Name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
        if (namespaced && string.IsNullOrEmpty(meta.Namespace))
            yield return Cause(StatusReasons.CauseFieldValueRequired, "metadata.namespace", "Required value");
    }

    public static IEnumerable<StatusCause> ValidateUpdate(ObjectMeta meta, ObjectMeta old, bool namespaced)
    {
        if (meta.Name != old.Name)
            yield return Cause(StatusReasons.CauseFieldValueInvalid, "metadata.name", $"Invalid value: \"{meta.Name}\": field is immutable");
        if (namespaced && meta.Namespace != old.Namespace)
            yield return Cause(StatusReasons.CauseFieldValueInvalid, "metadata.namespace", $"Invalid value: \"{meta.Namespace}\": field is immutable");
    }

    public static StatusCause Cause(string reason, string field, string detail) =>
        new() { Type = reason, Field = field, Message = $"{field}: {detail}" };

    public static bool IsDns1123Subdomain(string value) => value.Length <= 253 && Dns1123Subdomain().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();
}
