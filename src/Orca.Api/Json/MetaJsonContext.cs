using System.Text.Json.Serialization;
using Orca.Api.Meta;

namespace Orca.Api.Json;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(Table))]
[JsonSerializable(typeof(PartialObjectMetadata))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(WatchEvent))]
[JsonSerializable(typeof(LabelSelector))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonArray))]
internal sealed partial class MetaJsonContext : JsonSerializerContext;
