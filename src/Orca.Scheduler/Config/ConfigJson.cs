using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orca.Api.Json;

namespace Orca.Scheduler.Config;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(KubeSchedulerConfiguration))]
[JsonSerializable(typeof(NodeResourcesFitArgs))]
[JsonSerializable(typeof(NodeResourcesBalancedAllocationArgs))]
[JsonSerializable(typeof(InterPodAffinityArgs))]
[JsonSerializable(typeof(PodTopologySpreadArgs))]
[JsonSerializable(typeof(NodeAffinityArgs))]
[JsonSerializable(typeof(DefaultPreemptionArgs))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;

/// <summary>
/// Strict JSON for the configuration file and plugin args: unknown fields are errors (a typo must not
/// be ignored silently); API types inside args (node affinity, spread constraints) use the API's metadata.
/// </summary>
internal static class ConfigJson
{
    public static JsonSerializerOptions Options { get; } = Build();

    private static JsonSerializerOptions Build()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ConfigJsonContext.Default, ApiJson.Options.TypeInfoResolver),
        };
        foreach (var c in ApiJson.Options.Converters) options.Converters.Add(c);
        options.MakeReadOnly();
        return options;
    }

    public static T Deserialize<T>(JsonElement element) where T : class, new() =>
        element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            ? new T()
            : element.Deserialize((JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T))) ?? new T();

    public static T Deserialize<T>(string json) where T : class, new() =>
        JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T))) ?? new T();
}
