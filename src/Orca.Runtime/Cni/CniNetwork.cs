using System.Text.Json.Nodes;

namespace Orca.Runtime.Cni;

/// <summary>
/// The pod network definition: the first *.conflist in the conf dir (sorted by name), or a default
/// bridge + host-local + portmap list written there when the directory holds none; and the loopback config.
/// </summary>
internal static class CniNetwork
{
    public static JsonObject LoadOrCreate(RuncRuntimeOptions options, string ipamDir)
    {
        var dir = options.EffectiveCniConfDir;
        Directory.CreateDirectory(dir);
        var existing = Directory.EnumerateFiles(dir, "*.conflist").Order(StringComparer.Ordinal).FirstOrDefault();
        if (existing is not null)
            return JsonNode.Parse(File.ReadAllText(existing)) as JsonObject ?? throw new InvalidDataException($"{existing} is not a JSON object");
        var list = Default(options, ipamDir);
        var path = Path.Combine(dir, "10-orca.conflist");
        File.WriteAllText(path + ".tmp", list.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(path + ".tmp", path, overwrite: true);
        return list;
    }

    public static JsonObject Default(RuncRuntimeOptions options, string ipamDir) => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = options.BridgeName,
        ["plugins"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "bridge",
                ["bridge"] = options.BridgeName,
                ["isGateway"] = true,
                ["ipMasq"] = options.IpMasquerade,
                ["hairpinMode"] = true,
                ["ipam"] = new JsonObject
                {
                    ["type"] = "host-local",
                    ["ranges"] = new JsonArray { new JsonArray { new JsonObject { ["subnet"] = options.PodSubnet } } },
                    ["routes"] = new JsonArray { new JsonObject { ["dst"] = "0.0.0.0/0" } },
                    ["dataDir"] = ipamDir,
                },
            },
            new JsonObject
            {
                ["type"] = "portmap",
                ["capabilities"] = new JsonObject { ["portMappings"] = true },
            },
        },
    };

    public static JsonObject Loopback() => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = "lo",
        ["plugins"] = new JsonArray { new JsonObject { ["type"] = "loopback" } },
    };

    /// <summary>The portmap runtimeConfig for a sandbox's host ports (entries without a host port are skipped).</summary>
    public static JsonObject? PortMappings(IReadOnlyList<PortMapping> mappings)
    {
        var array = new JsonArray();
        foreach (var mapping in mappings.Where(m => m.HostPort > 0))
        {
            var entry = new JsonObject
            {
                ["hostPort"] = mapping.HostPort,
                ["containerPort"] = mapping.ContainerPort,
                ["protocol"] = (mapping.Protocol.Length == 0 ? "tcp" : mapping.Protocol).ToLowerInvariant(),
            };
            if (mapping.HostIp.Length > 0)
                entry["hostIP"] = mapping.HostIp;
            array.Add(entry);
        }
        return array.Count == 0 ? null : new JsonObject { ["portMappings"] = array };
    }
}
