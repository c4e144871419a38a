using System.Text.Json.Serialization;
using Orca.Runtime.Oci;

namespace Orca.Runtime.Sandbox;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(SandboxRecord))]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(OciSpec))]
[JsonSerializable(typeof(OciProcess))]
[JsonSerializable(typeof(Runc.RuncState))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
