using System.Text.Json.Serialization;
using Orca.Api.Policy;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Policy types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(Eviction))]
[JsonSerializable(typeof(PodDisruptionBudget))]
[JsonSerializable(typeof(PodDisruptionBudgetList))]
internal sealed partial class PolicyV1JsonContext : JsonSerializerContext;
