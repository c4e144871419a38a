using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orca.Api.Meta;

namespace Orca.Api.Tests.Schema;

[Doc("A small deployment-like object for schema and patch tests.")]
public sealed record TestApp
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta? Metadata { get; set; }
    public TestAppSpec? Spec { get; set; }
    public TestStatus? Status { get; set; }
}

public sealed record TestAppSpec
{
    public int? Replicas { get; set; }
    public TestTemplate? Template { get; set; }
    public TestStrategy? Strategy { get; set; }
}

public sealed record TestTemplate
{
    public ObjectMeta? Metadata { get; set; }
    public TestPodSpec? Spec { get; set; }
}

public sealed record TestStrategy
{
    public string? Type { get; set; }
    public JsonObject? RollingUpdate { get; set; }
}

public sealed record TestPodSpec
{
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<TestContainer>? Containers { get; set; }
    [PatchMergeKey("name"), PatchStrategy("merge,retainKeys")]
    public List<TestVolume>? Volumes { get; set; }
    public Dictionary<string, string>? NodeSelector { get; set; }
    public List<string>? Args { get; set; }
    public long? ActiveDeadlineSeconds { get; set; }
}

public sealed record TestContainer
{
    [ApiRequired, Doc("Unique name of the container.")]
    public string? Name { get; set; }
    public string? Image { get; set; }
    [PatchMergeKey("name"), PatchStrategy("merge")]
    public List<TestEnvVar>? Env { get; set; }
    [PatchMergeKey("containerPort"), PatchStrategy("merge"), ListType("map", "containerPort", "protocol")]
    public List<TestPort>? Ports { get; set; }
    public Dictionary<string, Quantity>? Limits { get; set; }
    [JsonPropertyName("cmd")]
    public List<string>? Command { get; set; }
    [JsonIgnore]
    public string? Internal { get; set; }
}

public sealed record TestEnvVar
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

public sealed record TestPort
{
    public int? ContainerPort { get; set; }
    public string? Protocol { get; set; }
    public IntOrString? HostPort { get; set; }
}

public sealed record TestVolume
{
    public string? Name { get; set; }
    public JsonObject? HostPath { get; set; }
    public TestEmptyDir? EmptyDir { get; set; }
}

public sealed record TestEmptyDir
{
    public Quantity? SizeLimit { get; set; }
}

public enum TestPhase { Pending, Running }

public sealed record TestStatus
{
    public TestPhase? Phase { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    [JsonConverter(typeof(Orca.Api.Json.MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }
    public byte[]? Data { get; set; }
    public double? Ratio { get; set; }
    public bool? Ready { get; set; }
    public JsonNode? Extra { get; set; }
}

/// <summary>A self-referencing type (like JSONSchemaProps).</summary>
public sealed record TestTree
{
    public string? Label { get; set; }
    public List<TestTree>? Children { get; set; }
    public Dictionary<string, TestTree>? Named { get; set; }
    public TestTree? Parent { get; set; }
}
