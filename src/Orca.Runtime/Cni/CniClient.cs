using System.Text;
using System.Text.Json.Nodes;
using Orca.Runtime.Processes;

namespace Orca.Runtime.Cni;

/// <summary>One network attachment: which container, which namespace file, which interface.</summary>
internal sealed record CniAttachment(string ContainerId, string NetnsPath, string InterfaceName)
{
    public IReadOnlyDictionary<string, string> ToEnvironment(string command, string binDir) => new Dictionary<string, string>
    {
        ["CNI_COMMAND"] = command,
        ["CNI_CONTAINERID"] = ContainerId,
        ["CNI_NETNS"] = NetnsPath,
        ["CNI_IFNAME"] = InterfaceName,
        ["CNI_PATH"] = binDir,
    };
}

/// <summary>
/// Executes a CNI network configuration list plugin by plugin (ADD in order, DEL in reverse),
/// passing prevResult along and the runtimeConfig entries each plugin declares in its
/// capabilities. Plugins' JSON errors become <see cref="ExternalProcessException"/>. Thread-safe.
/// </summary>
internal sealed class CniClient(string binDir, TimeSpan timeout)
{
    /// <summary>Runs ADD over the list; returns the final result (holding the assigned IPs).</summary>
    public async Task<JsonObject> AddAsync(JsonObject confList, CniAttachment attachment, JsonObject? runtimeConfig, CancellationToken cancellationToken)
    {
        JsonObject? previous = null;
        foreach (var plugin in Plugins(confList))
        {
            var config = PluginConfig(confList, plugin, previous, runtimeConfig);
            var output = await InvokeAsync("ADD", plugin, config, attachment, cancellationToken);
            previous = JsonNode.Parse(output) as JsonObject ?? throw new InvalidDataException("CNI plugin returned no result object");
        }
        return previous ?? new JsonObject();
    }

    /// <summary>Runs DEL over the list in reverse. Plugins treat a missing attachment as success, so this is idempotent.</summary>
    public async Task DeleteAsync(JsonObject confList, CniAttachment attachment, JsonObject? previousResult, JsonObject? runtimeConfig, CancellationToken cancellationToken)
    {
        foreach (var plugin in Plugins(confList).Reverse())
        {
            var config = PluginConfig(confList, plugin, previousResult, runtimeConfig);
            await InvokeAsync("DEL", plugin, config, attachment, cancellationToken);
        }
    }

    /// <summary>The first IPv4 address (without prefix) in a CNI result, or null.</summary>
    public static string? FirstIpv4(JsonObject result)
    {
        foreach (var ip in result["ips"]?.AsArray() ?? [])
        {
            var address = ip?["address"]?.GetValue<string>();
            if (address is not null && address.Contains('.'))
                return address.Split('/')[0];
        }
        return null;
    }

    private static IEnumerable<JsonObject> Plugins(JsonObject confList) =>
        confList["plugins"]?.AsArray().OfType<JsonObject>().ToList() ?? [confList];

    private static JsonObject PluginConfig(JsonObject confList, JsonObject plugin, JsonObject? previous, JsonObject? runtimeConfig)
    {
        var config = (JsonObject)plugin.DeepClone();
        config["name"] = confList["name"]?.DeepClone();
        config["cniVersion"] = confList["cniVersion"]?.DeepClone();
        if (previous is not null)
            config["prevResult"] = previous.DeepClone();
        if (runtimeConfig is not null && plugin["capabilities"] is JsonObject capabilities)
        {
            var selected = new JsonObject();
            foreach (var (key, value) in runtimeConfig)
                if (capabilities[key]?.GetValue<bool>() == true)
                    selected[key] = value?.DeepClone();
            if (selected.Count > 0)
                config["runtimeConfig"] = selected;
        }
        return config;
    }

    private async Task<byte[]> InvokeAsync(string command, JsonObject plugin, JsonObject config, CniAttachment attachment, CancellationToken cancellationToken)
    {
        var type = plugin["type"]?.GetValue<string>() ?? throw new InvalidDataException("CNI plugin without a type");
        var program = Path.Combine(binDir, type);
        var stdin = Encoding.UTF8.GetBytes(config.ToJsonString());
        var outcome = await ProcessRunner.RunAsync(program, [], timeout, cancellationToken, stdin, attachment.ToEnvironment(command, binDir));
        if (outcome.ExitCode != 0 || outcome.TimedOut)
        {
            var message = outcome.StdoutText.Length > 0 ? outcome.StdoutText : outcome.Stderr;
            throw new ExternalProcessException(program, [command, attachment.ContainerId], outcome.ExitCode, outcome.Stderr, $"CNI {command} {type}: {message}");
        }
        return outcome.Stdout;
    }
}
