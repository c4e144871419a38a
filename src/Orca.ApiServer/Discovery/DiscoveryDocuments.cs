using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api.Json;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Discovery;

/// <summary>
/// The discovery documents, built once from the catalog: legacy (/api, /apis, /api/v1,
/// /apis/{g}, /apis/{g}/{v}) and aggregated (apidiscovery.k8s.io/v2 APIGroupDiscoveryList for
/// /api and /apis, which kubectl 1.32 asks for first). Resources of a group-version are listed in
/// name order, as Kubernetes lists them (so `kubectl get all` prints pods, replicationcontrollers,
/// services, … in its order). Immutable; safe to share.
/// </summary>
internal sealed class DiscoveryDocuments
{
    private readonly Dictionary<string, byte[]> _legacy = new(StringComparer.Ordinal);

    public DiscoveryDocuments(ApiCatalog catalog, string serverAddress)
    {
        var groups = catalog.Groups().ToList();
        _legacy["/api"] = Bytes(new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        });
        var groupList = new JsonArray();
        foreach (var (group, versions) in groups.Where(g => g.Group.Length > 0))
        {
            var groupNode = GroupNode(group, versions);
            groupList.Add(groupNode);
            _legacy[$"/apis/{group}"] = Bytes(new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" }.Merge(groupNode));
        }
        _legacy["/apis"] = Bytes(new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groupList });
        foreach (var (group, versions) in groups)
        {
            foreach (var version in versions)
            {
                var gv = group.Length == 0 ? version : $"{group}/{version}";
                var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
                _legacy[path] = Bytes(ResourceList(gv, catalog.All.Where(s => s.Definition.Group == group && s.Definition.Version == version)
                    .OrderBy(s => s.Definition.Resource, StringComparer.Ordinal)));
            }
        }
        AggregatedCore = Bytes(Aggregated(groups.Where(g => g.Group.Length == 0), catalog));
        AggregatedGroups = Bytes(Aggregated(groups.Where(g => g.Group.Length > 0), catalog));
    }

    public byte[] AggregatedCore { get; }
    public byte[] AggregatedGroups { get; }

    public bool TryGetLegacy(string path, out byte[] document) => _legacy.TryGetValue(path.TrimEnd('/'), out document!);

    private static JsonObject GroupNode(string group, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var v in versions) list.Add(new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v });
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static JsonObject ResourceList(string groupVersion, IEnumerable<ResourceStore> stores)
    {
        var resources = new JsonArray();
        foreach (var store in stores)
        {
            var d = store.Definition;
            var r = new JsonObject
            {
                ["name"] = d.Resource,
                ["singularName"] = d.Singular,
                ["namespaced"] = d.Namespaced,
                ["kind"] = d.Kind,
                ["verbs"] = Strings(ResourceDefinition.AllVerbs),
            };
            if (d.ShortNames.Length > 0) r["shortNames"] = Strings(d.ShortNames);
            if (d.Categories.Length > 0) r["categories"] = Strings(d.Categories);
            resources.Add(r);
            foreach (var sub in d.Subresources)
            {
                var s = new JsonObject
                {
                    ["name"] = $"{d.Resource}/{sub.Name}",
                    ["singularName"] = "",
                    ["namespaced"] = d.Namespaced,
                    ["kind"] = sub.Kind,
                    ["verbs"] = Strings(sub.Verbs),
                };
                // Another group/version is named in full (kubectl drain looks for pods/eviction's group AND version).
                if (sub.Group != d.Group || sub.Version != d.Version)
                {
                    s["group"] = sub.Group;
                    s["version"] = sub.Version;
                }
                resources.Add(s);
            }
        }
        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = resources };
    }

    private static JsonObject Aggregated(IEnumerable<(string Group, IReadOnlyList<string> Versions)> groups, ApiCatalog catalog)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in groups)
        {
            var versionNodes = new JsonArray();
            foreach (var version in versions)
            {
                var resources = new JsonArray();
                foreach (var d in catalog.All.Select(s => s.Definition).Where(d => d.Group == group && d.Version == version)
                    .OrderBy(d => d.Resource, StringComparer.Ordinal))
                    resources.Add(AggregatedResource(d));
                versionNodes.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }
            var metadata = group.Length == 0 ? new JsonObject { ["creationTimestamp"] = null } : new JsonObject { ["name"] = group, ["creationTimestamp"] = null };
            items.Add(new JsonObject { ["metadata"] = metadata, ["versions"] = versionNodes });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject AggregatedResource(ResourceDefinition d)
    {
        var r = new JsonObject
        {
            ["resource"] = d.Resource,
            ["responseKind"] = new JsonObject { ["group"] = d.Group, ["version"] = d.Version, ["kind"] = d.Kind },
            ["scope"] = d.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = d.Singular,
            ["verbs"] = Strings(ResourceDefinition.AllVerbs),
        };
        if (d.ShortNames.Length > 0) r["shortNames"] = Strings(d.ShortNames);
        if (d.Categories.Length > 0) r["categories"] = Strings(d.Categories);
        if (d.Subresources.Count > 0)
        {
            var subs = new JsonArray();
            foreach (var s in d.Subresources)
            {
                subs.Add(new JsonObject
                {
                    ["subresource"] = s.Name,
                    ["responseKind"] = new JsonObject { ["group"] = s.Group, ["version"] = s.Version, ["kind"] = s.Kind },
                    ["verbs"] = Strings(s.Verbs),
                });
            }
            r["subresources"] = subs;
        }
        return r;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, ApiJson.Info<JsonNode>());
}

internal static class JsonObjectExtensions
{
    /// <summary>Copies the properties of <paramref name="other"/> (deep-cloned) into this object.</summary>
    public static JsonObject Merge(this JsonObject target, JsonObject other)
    {
        foreach (var (k, v) in other) target[k] = v?.DeepClone();
        return target;
    }
}
