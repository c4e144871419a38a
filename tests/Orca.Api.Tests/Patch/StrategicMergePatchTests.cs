using System.Text.Json.Nodes;
using Orca.Api.Patch;
using Orca.Api.Schema;
using Orca.Api.Tests.Schema;

namespace Orca.Api.Tests.Patch;

public sealed class StrategicMergePatchTests
{
    private static readonly TypeSchema App = SchemaRegistry.For<TestApp>();

    /// <summary>Wraps a pod spec fragment as spec.template.spec of a TestApp.</summary>
    private static string Pod(string podSpec) => "{\"spec\":{\"template\":{\"spec\":" + podSpec + "}}}";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "maps merge, null deletes", """{"metadata":{"labels":{"a":"1","b":"2"}}}""", """{"metadata":{"labels":{"b":null,"c":"3"}}}""", """{"metadata":{"labels":{"a":"1","c":"3"}}}""" },
        { "merge list by key, new appended", Pod("""{"containers":[{"name":"a","image":"x"}]}"""), Pod("""{"containers":[{"name":"b","image":"y"},{"name":"a","image":"z"}]}"""), Pod("""{"containers":[{"name":"a","image":"z"},{"name":"b","image":"y"}]}""") },
        { "delete element by key", Pod("""{"containers":[{"name":"a"},{"name":"b"}]}"""), Pod("""{"containers":[{"$patch":"delete","name":"a"}]}"""), Pod("""{"containers":[{"name":"b"}]}""") },
        { "replace list directive", Pod("""{"containers":[{"name":"a"},{"name":"b"}]}"""), Pod("""{"containers":[{"name":"c"},{"$patch":"replace"}]}"""), Pod("""{"containers":[{"name":"c"}]}""") },
        { "non-merge list replaced", Pod("""{"args":["a","b"]}"""), Pod("""{"args":["c"]}"""), Pod("""{"args":["c"]}""") },
        { "merge primitive list is unioned", """{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["b","c"]}}""", """{"metadata":{"finalizers":["a","b","c"]}}""" },
        { "deleteFromPrimitiveList", """{"metadata":{"finalizers":["a","b","c"]}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}""", """{"metadata":{"finalizers":["a","c"]}}""" },
        { "deleteFromPrimitiveList with add", """{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["d"]}}""", """{"metadata":{"finalizers":["b","d"]}}""" },
        { "map replace directive", """{"metadata":{"labels":{"a":"1","b":"2"}}}""", """{"metadata":{"labels":{"$patch":"replace","c":"3"}}}""", """{"metadata":{"labels":{"c":"3"}}}""" },
        { "map delete directive", """{"metadata":{"name":"n","labels":{"a":"1"}}}""", """{"metadata":{"labels":{"$patch":"delete"}}}""", """{"metadata":{"name":"n"}}""" },
        { "map merge directive", """{"metadata":{"labels":{"a":"1"}}}""", """{"metadata":{"labels":{"$patch":"merge","b":"2"}}}""", """{"metadata":{"labels":{"a":"1","b":"2"}}}""" },
        { "setElementOrder reorders", Pod("""{"containers":[{"name":"a"},{"name":"b"}]}"""), Pod("""{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}"""), Pod("""{"containers":[{"name":"b"},{"name":"a"}]}""") },
        { "setElementOrder places new element", Pod("""{"containers":[{"name":"a"},{"name":"c"}]}"""), Pod("""{"$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],"containers":[{"name":"b"}]}"""), Pod("""{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}""") },
        { "setElementOrder keeps server-only in place", Pod("""{"containers":[{"name":"a"},{"name":"x"},{"name":"c"}]}"""), Pod("""{"$setElementOrder/containers":[{"name":"c"},{"name":"a"}]}"""), Pod("""{"containers":[{"name":"c"},{"name":"x"},{"name":"a"}]}""") },
        { "setElementOrder on primitives", """{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"$setElementOrder/finalizers":["b","a"]}}""", """{"metadata":{"finalizers":["b","a"]}}""" },
        { "retainKeys clears other keys", Pod("""{"volumes":[{"name":"v","hostPath":{"path":"/x"}}]}"""), Pod("""{"volumes":[{"$retainKeys":["emptyDir","name"],"emptyDir":{},"name":"v"}]}"""), Pod("""{"volumes":[{"name":"v","emptyDir":{}}]}""") },
        { "unknown field merges like merge patch", """{"extra":{"a":1,"l":[1]}}""", """{"extra":{"b":2,"l":[2]}}""", """{"extra":{"a":1,"l":[2],"b":2}}""" },
        { "free-form field merges like merge patch", """{"spec":{"strategy":{"rollingUpdate":{"maxSurge":1}}}}""", """{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":0,"maxSurge":null}}}}""", """{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":0}}}}""" },
        { "new element with directives is cleaned", Pod("""{}"""), Pod("""{"containers":[{"name":"a","$setElementOrder/env":[{"name":"X"}],"env":[{"name":"X","value":"1"},{"$patch":"delete","name":"Y"}],"ports":null}]}"""), Pod("""{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}""") },
        { "whole object delete", """{"a":1}""", """{"$patch":"delete"}""", """{}""" },
        { "nested merge into element", Pod("""{"containers":[{"name":"a","env":[{"name":"A","value":"1"}],"limits":{"cpu":"1"}}]}"""), Pod("""{"containers":[{"name":"a","env":[{"name":"B","value":"2"}],"limits":{"memory":"1Gi"}}]}"""), Pod("""{"containers":[{"name":"a","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"limits":{"cpu":"1","memory":"1Gi"}}]}""") },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applies(string name, string original, string patch, string expected)
    {
        var source = JsonNode.Parse(original);
        var result = StrategicMergePatch.Apply(source, JsonNode.Parse(patch), App);
        Assert.True(result.Succeeded, $"{name}: {result.Message}");
        Assert.Equal(expected, result.Value!.ToJsonString());
        Assert.Equal(original, source!.ToJsonString());
    }

    [Fact]
    public void Kubectl_client_side_apply_patch_of_a_deployment()
    {
        var live = Pod("""{"containers":[{"name":"a","image":"nginx:1.27","env":[{"name":"FOO","value":"1"},{"name":"BAR","value":"2"}],"ports":[{"containerPort":80}]},{"name":"b","image":"busybox:1.36"}]}""");
        var patch = """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"$setElementOrder/env":[{"name":"BAZ"},{"name":"BAR"}],"env":[{"name":"BAZ","value":"3"},{"$patch":"delete","name":"FOO"}],"image":"nginx:1.28","name":"a","ports":null},{"image":"busybox:1.37","name":"b"}]}}}}""";
        var result = StrategicMergePatch.Apply(JsonNode.Parse(live), JsonNode.Parse(patch), App);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(
            Pod("""{"containers":[{"name":"a","image":"nginx:1.28","env":[{"name":"BAZ","value":"3"},{"name":"BAR","value":"2"}]},{"name":"b","image":"busybox:1.37"}]}"""),
            result.Value!.ToJsonString());
    }

    [Fact]
    public void Kubectl_apply_label_change()
    {
        var live = """{"metadata":{"name":"web","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old"},"labels":{"app":"web","version":"v1"}}}""";
        var patch = """{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"..."},"labels":{"version":"v2"}}}""";
        var result = StrategicMergePatch.Apply(JsonNode.Parse(live), JsonNode.Parse(patch), App);
        Assert.Equal(
            """{"metadata":{"name":"web","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"..."},"labels":{"app":"web","version":"v2"}}}""",
            result.Value!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", "map: {\"image\":\"x\"} does not contain declared merge key: name")]
    [InlineData("""{"metadata":{"labels":{"$patch":"frob"}}}""", "Unknown patch type: frob in map: {\"$patch\":\"frob\"}")]
    [InlineData("[1]", "strategic merge patch must be a JSON object")]
    public void Rejects_bad_patches(string patch, string message)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"a"}]}}}}"""), JsonNode.Parse(patch), App);
        Assert.Equal(PatchFailure.BadRequest, result.Failure);
        Assert.Equal(message, result.Message);
    }
}
