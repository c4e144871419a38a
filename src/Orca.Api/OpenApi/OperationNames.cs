namespace Orca.Api.OpenApi;

/// <summary>
/// Kubernetes-style operation ids and tags: verb + group + version + [Namespaced] + kind +
/// [subresource] + [ForAllNamespaces] (deletecollection adds "Collection" after the version), e.g. patchCoreV1NamespacedPod,
/// readCoordinationV1NamespacedLeaseStatus, listAppsV1DeploymentForAllNamespaces.
/// </summary>
internal static class OperationNames
{
    /// <summary>"Core" for the core group; otherwise the group without ".k8s.io", each dotted part capitalised.</summary>
    public static string GroupPart(string group)
    {
        if (group.Length == 0)
            return "Core";
        var trimmed = group.EndsWith(".k8s.io", StringComparison.Ordinal) ? group[..^".k8s.io".Length] : group;
        return string.Concat(trimmed.Split('.', '-').Where(p => p.Length > 0).Select(Capitalise));
    }

    public static string Id(string verb, OpenApiResource r, bool namespaced, string subresource = "", string suffix = "", bool collection = false) =>
        verb + GroupPart(r.Group) + Capitalise(r.Version) + (collection ? "Collection" : "") + (namespaced ? "Namespaced" : "")
        + r.Kind + Capitalise(subresource) + suffix;

    /// <summary>The tag operations are grouped under, e.g. "core_v1", "coordination_v1".</summary>
    public static string Tag(string group, string version)
    {
        var part = GroupPart(group);
        return char.ToLowerInvariant(part[0]) + part[1..] + "_" + version;
    }

    public static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
