using System.Text.Json.Nodes;
using Orca.Api.Patch;

namespace Orca.Api.Tests.Patch;

public sealed class JsonPatchTests
{
    // RFC 6902 appendix A plus pointer escaping and the append index.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"foo":null}""", """[{"op":"test","path":"/foo","value":null}]""", """{"foo":null}""")]
    [InlineData("""{"a/b":{"m~n":1}}""", """[{"op":"replace","path":"/a~1b/m~0n","value":2}]""", """{"a/b":{"m~n":2}}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/c/b","value":2}]""", """{"a":{"b":1},"c":{"b":2}}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":[1]}]""", """[1]""")]
    [InlineData("""{"metadata":{"labels":{"app":"x"}}}""", """[{"op":"add","path":"/metadata/labels/tier","value":"web"},{"op":"remove","path":"/metadata/labels/app"}]""", """{"metadata":{"labels":{"tier":"web"}}}""")]
    public void Applies_operations(string doc, string patch, string expected)
    {
        var original = JsonNode.Parse(doc);
        var result = JsonPatch.Apply(original, JsonNode.Parse(patch)!.AsArray());
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(expected, result.Value!.ToJsonString());
        Assert.Equal(doc, original!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", PatchFailure.Unprocessable, "add operation does not apply: doc is missing path: \"/baz/bat\": missing value")]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", PatchFailure.Unprocessable, "testing value /baz failed: test failed")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"test","path":"/foo/1","value":"bar"}]""", PatchFailure.Unprocessable, "testing value /foo/1 failed: test failed")]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/b"}]""", PatchFailure.Unprocessable, "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/b","value":2}]""", PatchFailure.Unprocessable, "replace operation does not apply: doc is missing key: /b: missing value")]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"/x","path":"/b"}]""", PatchFailure.Unprocessable, "move operation does not apply: doc is missing from path: \"/x\": missing value")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/5","value":2}]""", PatchFailure.Unprocessable, "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced")]
    [InlineData("""{"a":1}""", """[{"op":"frob","path":"/a"}]""", PatchFailure.BadRequest, "Unexpected kind: frob")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"a","value":1}]""", PatchFailure.BadRequest, "JSON pointer must be empty or start with a \"/\": a")]
    public void Reports_failures(string doc, string patch, PatchFailure failure, string message)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(doc), JsonNode.Parse(patch)!.AsArray());
        Assert.False(result.Succeeded);
        Assert.Equal(failure, result.Failure);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void A_failing_operation_leaves_nothing_applied()
    {
        var doc = JsonNode.Parse("""{"a":1}""");
        var result = JsonPatch.Apply(doc, JsonNode.Parse("""[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":3}]""")!.AsArray());
        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal("""{"a":1}""", doc!.ToJsonString());
    }
}
