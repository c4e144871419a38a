using System.Text;
using System.Text.Json.Nodes;
using Orca.Api.Schema;

namespace Orca.Api.Tests.Schema;

public sealed class UnknownFieldDetectorTests
{
    private static readonly TypeSchema App = SchemaRegistry.For<TestApp>();

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"TestApp","metadata":{"name":"a","labels":{"x":"y"}}}""", "")]
    [InlineData("""{"foo":1}""", "foo")]
    [InlineData("""{"spec":{"replicas":1,"bogus":true}}""", "spec.bogus")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","foo":1}]}}}}""", "spec.template.spec.containers[1].foo")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"a","internal":"x","command":["x"]}]}}}}""", "spec.template.spec.containers[0].internal|spec.template.spec.containers[0].command")]
    [InlineData("""{"spec":{"strategy":{"rollingUpdate":{"anything":{"goes":1}}}}}""", "")]
    [InlineData("""{"status":{"extra":{"free":[1,2]},"nope":1}}""", "status.nope")]
    [InlineData("""{"metadata":{"managedFields":[{"fieldsV1":{"f:x":{}},"what":1}]}}""", "metadata.managedFields[0].what")]
    [InlineData("""{"spec":{"template":{"spec":{"volumes":[{"name":"v","emptyDir":{"size":"1Gi"}}]}}}}""", "spec.template.spec.volumes[0].emptyDir.size")]
    public void Detects_unknown_fields_with_kubernetes_paths(string json, string expected)
    {
        var paths = UnknownFieldDetector.Detect(JsonNode.Parse(json), App);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), paths);
    }

    [Fact]
    public void Prune_removes_unknown_fields_in_place()
    {
        var body = JsonNode.Parse("""{"spec":{"replicas":2,"x":1,"template":{"spec":{"containers":[{"name":"a","y":2}]}}},"z":3}""")!;
        var removed = UnknownFieldDetector.Prune(body, App);
        Assert.Equal(["spec.x", "spec.template.spec.containers[0].y", "z"], removed);
        Assert.Equal("""{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a"}]}}}}""", body.ToJsonString());
        Assert.Empty(UnknownFieldDetector.Detect(body, App));
    }

    [Fact]
    public void Messages_match_strict_decoding()
    {
        Assert.Equal("unknown field \"spec.foo\"", UnknownFieldDetector.Describe("spec.foo"));
        Assert.Equal("duplicate field \"spec.replicas\"", UnknownFieldDetector.DescribeDuplicate("spec.replicas"));
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", "")]
    [InlineData("""{"a":1,"a":2}""", "a")]
    [InlineData("""{"spec":{"replicas":1,"replicas":2}}""", "spec.replicas")]
    [InlineData("""{"l":[{"n":1},{"n":1,"n":2}]}""", "l[1].n")]
    [InlineData("""{"l":[1,2,{"x":{"y":1,"y":1}}]}""", "l[2].x.y")]
    [InlineData("""{"a":{"b":1},"c":{"b":1},"a":{}}""", "a")]
    public void Finds_duplicate_fields_in_raw_json(string json, string expected)
    {
        var found = UnknownFieldDetector.FindDuplicates(Encoding.UTF8.GetBytes(json));
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), found);
    }
}
