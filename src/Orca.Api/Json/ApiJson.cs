using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Orca.Api.Json;

/// <summary>
/// The one set of JSON options for API objects: camelCase names, nulls omitted, metav1.Time
/// timestamps, source-generated metadata for every API type. Immutable once built.
/// </summary>
public static class ApiJson
{
    /// <summary>Source-generated resolvers of every API group; add a group's context here.</summary>
    private static readonly IJsonTypeInfoResolver[] Resolvers =
    [
        MetaJsonContext.Default,
        CoreV1JsonContext.Default,
        CoordinationV1JsonContext.Default,
        EventsV1JsonContext.Default,
        PolicyV1JsonContext.Default,
        AppsV1JsonContext.Default,
        BatchV1JsonContext.Default,
        AutoscalingV1JsonContext.Default,
        SchedulingV1JsonContext.Default,
        StorageV1JsonContext.Default,
    ];

    public static JsonSerializerOptions Options { get; } = Build(indented: false);
    public static JsonSerializerOptions Indented { get; } = Build(indented: true);

    private static JsonSerializerOptions Build(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(Resolvers),
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new TimeConverter());
        options.MakeReadOnly();
        return options;
    }

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Info<T>());
    public static string SerializeToString<T>(T value) => JsonSerializer.Serialize(value, Info<T>());
    public static T? Deserialize<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, Info<T>());
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, Info<T>());

    /// <summary>A deep copy through JSON; the result shares nothing with the source.</summary>
    public static T Clone<T>(T value) where T : class => Deserialize<T>(Serialize(value))!;

    /// <summary>A deep copy of an object whose static type is an interface: its runtime type decides.</summary>
    public static object CloneAs(object value, Type type) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, Info(type)), Info(type))!;

    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
    public static JsonTypeInfo Info(Type type) => Options.GetTypeInfo(type);
}
