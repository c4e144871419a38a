using System.Text.Json.Serialization;
using Orca.Api.Storage;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Storage types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(StorageClass))]
[JsonSerializable(typeof(StorageClassList))]
internal sealed partial class StorageV1JsonContext : JsonSerializerContext;
