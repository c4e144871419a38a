namespace Orca.ApiServer.Http;

/// <summary>
/// What a request path names, parsed the way the Kubernetes API lays out its URLs:
/// <c>/api/v1/namespaces/{ns}/{resource}/{name}/{subresource}</c>,
/// <c>/apis/{group}/{version}/…</c>, cluster-scoped forms without <c>namespaces/{ns}</c>.
/// </summary>
internal sealed record RequestInfo
{
    public bool IsResourceRequest { get; init; }
    /// <summary>"" for the core group.</summary>
    public string Group { get; init; } = "";
    public string Version { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string Resource { get; init; } = "";
    public string Name { get; init; } = "";
    public string Subresource { get; init; } = "";
    /// <summary>Path segments after a subresource (e.g. the path of a proxy request).</summary>
    public string[] Rest { get; init; } = [];

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// Parses a path. Returns null for paths outside /api and /apis or too short to name a
    /// resource (those are discovery or unknown paths, handled elsewhere).
    /// </summary>
    public static RequestInfo? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        int i;
        string group;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            group = "";
            i = 1;
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            group = parts[1];
            i = 2;
        }
        else
        {
            return null;
        }
        var version = parts[i++];
        var rest = parts[i..];
        if (rest.Length == 0 || rest.Any(p => p.Length == 0)) return null;

        string ns = "";
        // namespaces/{ns}/{resource}… ; but "namespaces/{name}" and "namespaces/{name}/status" name the Namespace itself.
        if (rest[0] == "namespaces" && rest.Length >= 3 && rest[2] is not ("status" or "finalize"))
        {
            ns = Uri.UnescapeDataString(rest[1]);
            rest = rest[2..];
        }
        var info = new RequestInfo
        {
            IsResourceRequest = true,
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = rest[0],
            Name = rest.Length > 1 ? Uri.UnescapeDataString(rest[1]) : "",
            Subresource = rest.Length > 2 ? rest[2] : "",
            Rest = rest.Length > 3 ? rest[3..] : [],
        };
        return info;
    }
}
