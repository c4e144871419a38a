using System.Text.Json.Serialization;
using Orca.Api.Scheduling;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Scheduling types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(PriorityClass))]
[JsonSerializable(typeof(PriorityClassList))]
internal sealed partial class SchedulingV1JsonContext : JsonSerializerContext;
