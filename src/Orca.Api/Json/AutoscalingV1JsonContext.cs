using System.Text.Json.Serialization;
using Orca.Api.Autoscaling;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Autoscaling types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(Scale))]
internal sealed partial class AutoscalingV1JsonContext : JsonSerializerContext;
