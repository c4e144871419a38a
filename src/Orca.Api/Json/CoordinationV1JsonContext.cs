using System.Text.Json.Serialization;
using Orca.Api.Coordination;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Coordination types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(LeaseList))]
[JsonSerializable(typeof(LeaseSpec))]
internal sealed partial class CoordinationV1JsonContext : JsonSerializerContext;
