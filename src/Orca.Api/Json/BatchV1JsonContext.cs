using System.Text.Json.Serialization;
using Orca.Api.Batch;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Batch types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(CronJob))]
[JsonSerializable(typeof(CronJobList))]
internal sealed partial class BatchV1JsonContext : JsonSerializerContext;
