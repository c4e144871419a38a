using System.Text.Json.Serialization;
using Orca.Api.Apps;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Apps types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(DeploymentList))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(ReplicaSetList))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(StatefulSetList))]
[JsonSerializable(typeof(DaemonSet))]
[JsonSerializable(typeof(DaemonSetList))]
[JsonSerializable(typeof(ControllerRevision))]
[JsonSerializable(typeof(ControllerRevisionList))]
internal sealed partial class AppsV1JsonContext : JsonSerializerContext;
