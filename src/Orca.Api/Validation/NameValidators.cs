namespace Orca.Api.Validation;

/// <summary>
/// Name rules to pass to <see cref="ObjectMetaValidator.Validate"/>, matching the ValidateNameFunc each
/// Kubernetes resource uses (most use a DNS-1123 subdomain; namespaces and services a DNS label).
/// </summary>
public static class NameValidators
{
    public static IEnumerable<string> Dns1123Subdomain(string name) => NameValidation.IsDns1123Subdomain(name);

    public static IEnumerable<string> Dns1123Label(string name) => NameValidation.IsDns1123Label(name);

    public static IEnumerable<string> Dns1035Label(string name) => NameValidation.IsDns1035Label(name);

    /// <summary>Names that only have to be usable as a URL path segment (e.g. RBAC roles).</summary>
    public static IEnumerable<string> PathSegment(string name)
    {
        if (name is "." or "..") yield return $"may not be '{name}'";
        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal)) yield return $"may not contain '{illegal}'";
        }
    }
}
