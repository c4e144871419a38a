using System.Text.Json.Serialization;
using Orca.Api.Core;

namespace Orca.Api.Json;

/// <summary>Source-generated JSON metadata of Core types; options match MetaJsonContext.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(TimeConverter)])]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(PodList))]
[JsonSerializable(typeof(PodSpec))]
[JsonSerializable(typeof(PodStatus))]
[JsonSerializable(typeof(Container))]
[JsonSerializable(typeof(EphemeralContainer))]
[JsonSerializable(typeof(Volume))]
[JsonSerializable(typeof(ContainerStatus))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(NamespaceList))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(NodeList))]
[JsonSerializable(typeof(NodeSpec))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(EventList))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(ConfigMapList))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(SecretList))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(ServiceAccountList))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(ServiceList))]
[JsonSerializable(typeof(Endpoints))]
[JsonSerializable(typeof(EndpointsList))]
[JsonSerializable(typeof(ObjectReference))]
[JsonSerializable(typeof(LocalObjectReference))]
[JsonSerializable(typeof(Binding))]
[JsonSerializable(typeof(PodLogOptions))]
[JsonSerializable(typeof(PodExecOptions))]
[JsonSerializable(typeof(PodAttachOptions))]
[JsonSerializable(typeof(PodPortForwardOptions))]
[JsonSerializable(typeof(ReplicationController))]
[JsonSerializable(typeof(ReplicationControllerList))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(PersistentVolume))]
[JsonSerializable(typeof(PersistentVolumeList))]
[JsonSerializable(typeof(PersistentVolumeClaim))]
[JsonSerializable(typeof(PersistentVolumeClaimList))]
[JsonSerializable(typeof(PersistentVolumeClaimSpec))]
[JsonSerializable(typeof(PersistentVolumeClaimStatus))]
internal sealed partial class CoreV1JsonContext : JsonSerializerContext;
