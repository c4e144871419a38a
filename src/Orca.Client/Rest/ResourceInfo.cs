using System.Text;

namespace Orca.Client;

/// <summary>
/// Where a resource lives in the REST API: group ("" for core), version, plural resource name,
/// whether it is namespaced, and its kind. Immutable.
/// </summary>
public sealed record ResourceInfo(string Group, string Version, string Plural, bool Namespaced, string Kind)
{
    /// <summary>"v1" for the core group, otherwise "group/version".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// The request path of the collection (name null) or of one object, optionally of a subresource.
    /// Namespace is ignored for cluster-scoped resources; null or empty namespace means all namespaces.
    /// </summary>
    public string Path(string? ns, string? name = null, string? subresource = null)
    {
        var path = new StringBuilder(Group.Length == 0 ? "/api/" : $"/apis/{Group}/");
        path.Append(Version);
        if (Namespaced && !string.IsNullOrEmpty(ns)) path.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        path.Append('/').Append(Plural);
        if (name is not null) path.Append('/').Append(Uri.EscapeDataString(name));
        if (subresource is not null) path.Append('/').Append(subresource);
        return path.ToString();
    }
}
