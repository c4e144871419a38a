using System.Text.Json.Serialization;
using Orca.Api.Events;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Events types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(EventV1))]
[JsonSerializable(typeof(EventV1List))]
internal sealed partial class EventsV1JsonContext : JsonSerializerContext;
