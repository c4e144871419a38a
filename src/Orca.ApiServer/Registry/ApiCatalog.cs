namespace Orca.ApiServer.Registry;

/// <summary>
/// Every resource the server serves, by group/version/resource, in registration order (which is
/// group order in discovery; resources within a group-version are listed by name). Built once at
/// start-up; read-only afterwards.
/// </summary>
internal sealed class ApiCatalog
{
    private readonly Dictionary<(string Group, string Version, string Resource), ResourceStore> _byPath = new();
    private readonly List<ResourceStore> _all = [];

    public IReadOnlyList<ResourceStore> All => _all;

    public void Add(ResourceStore store)
    {
        var d = store.Definition;
        _byPath.Add((d.Group, d.Version, d.Resource), store);
        _all.Add(store);
    }

    public ResourceStore? Find(string group, string version, string resource) =>
        _byPath.TryGetValue((group, version, resource), out var store) ? store : null;

    public ResourceStore Get(string group, string version, string resource) =>
        Find(group, version, resource) ?? throw new InvalidOperationException($"resource {group}/{version}/{resource} is not registered");

    /// <summary>Groups in registration order, the core group ("") first, each with its versions in preference order.</summary>
    public IEnumerable<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        _all.GroupBy(s => s.Definition.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(s => s.Definition.Version).Distinct().ToList()));
}
