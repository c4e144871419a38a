using System.Text.Json.Nodes;
using Orca.Api.Patch;
using Orca.Api.Schema;
using Orca.Api.Tests.Schema;

namespace Orca.Api.Tests.Patch;

public sealed class ServerSideApplyTests
{
    private static readonly TypeSchema App = SchemaRegistry.For<TestApp>();
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static PatchResult Apply(JsonNode? live, string applied, string manager = "kubectl", bool force = false) =>
        ServerSideApply.Apply(live, JsonNode.Parse(applied)!, App, manager, force, Clock);

    private static JsonObject Without(JsonNode node, string field)
    {
        var copy = (JsonObject)node.DeepClone();
        copy["metadata"]!.AsObject().Remove(field);
        return copy;
    }

    [Fact]
    public void Create_records_apply_ownership_in_fieldsV1()
    {
        var result = Apply(null, """{"apiVersion":"v1","kind":"TestApp","metadata":{"name":"a","labels":{"app":"x"}},"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}""");
        Assert.True(result.Succeeded, result.Message);
        var entry = result.Value!["metadata"]!["managedFields"]![0]!;
        Assert.Equal("kubectl", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("v1", (string?)entry["apiVersion"]);
        Assert.Equal("2026-01-02T03:04:05Z", (string?)entry["time"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""",
            entry["fieldsV1"]!.ToJsonString(Relaxed));
        Assert.Equal("""{"apiVersion":"v1","kind":"TestApp","metadata":{"name":"a","labels":{"app":"x"}},"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}""",
            Without(result.Value!, "managedFields").ToJsonString());
    }

    [Fact]
    public void Update_merges_lists_by_key_and_keeps_other_fields()
    {
        var live = Apply(null, """{"metadata":{"name":"a"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}""", "other").Value;
        var result = Apply(live, """{"metadata":{"name":"a"},"spec":{"template":{"spec":{"containers":[{"name":"d","image":"j"}],"args":["x"]}}}}""");
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("""{"metadata":{"name":"a"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"i"},{"name":"d","image":"j"}],"args":["x"]}}}}""",
            Without(result.Value!, "managedFields").ToJsonString());
        Assert.Equal(2, result.Value!["metadata"]!["managedFields"]!.AsArray().Count);
    }

    [Fact]
    public void Fields_dropped_from_the_applied_configuration_are_removed()
    {
        var live = Apply(null, """{"metadata":{"name":"a","labels":{"app":"x","tier":"web"}},"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"c"},{"name":"d"}]}}}}""").Value;
        var result = Apply(live, """{"metadata":{"name":"a","labels":{"app":"x"}},"spec":{"template":{"spec":{"containers":[{"name":"c"}]}}}}""");
        Assert.Equal("""{"metadata":{"name":"a","labels":{"app":"x"}},"spec":{"template":{"spec":{"containers":[{"name":"c"}]}}}}""",
            Without(result.Value!, "managedFields").ToJsonString());
    }

    [Fact]
    public void Dropped_fields_owned_by_another_manager_stay()
    {
        var live = Apply(null, """{"metadata":{"labels":{"app":"x","tier":"web"}}}""").Value;
        live = Apply(live, """{"metadata":{"labels":{"tier":"web"}}}""", "helm").Value;
        var result = Apply(live, """{"metadata":{"labels":{"app":"x"}}}""");
        Assert.Equal("""{"labels":{"app":"x","tier":"web"}}""", Without(result.Value!, "managedFields")["metadata"]!.ToJsonString());
    }

    [Fact]
    public void Same_value_from_two_managers_is_shared_not_a_conflict()
    {
        var live = Apply(null, """{"spec":{"replicas":2}}""", "a").Value;
        var result = Apply(live, """{"spec":{"replicas":2}}""", "b");
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Changing_a_field_of_an_update_manager_conflicts_with_kubernetes_wording()
    {
        var live = JsonNode.Parse("""{"apiVersion":"v1","metadata":{"name":"a","labels":{"app":"x"},"managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}}}}]}}""");
        var result = Apply(live, """{"apiVersion":"v1","metadata":{"name":"a","labels":{"app":"y"}}}""");
        Assert.Equal(PatchFailure.Conflict, result.Failure);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .metadata.labels.app", result.Message);
        Assert.Equal([new ApplyConflict("\"kubectl-client-side-apply\" using v1", ".metadata.labels.app")], result.Conflicts);
    }

    [Fact]
    public void Several_conflicts_are_listed_per_manager()
    {
        var live = Apply(null, """{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"c","image":"i"}]}}}}""", "ci").Value;
        var result = Apply(live, """{"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"c","image":"j"}]}}}}""");
        Assert.Equal(PatchFailure.Conflict, result.Failure);
        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"ci\":\n- .spec.replicas\n- .spec.template.spec.containers[name=\"c\"].image", result.Message);
    }

    [Fact]
    public void Force_takes_ownership()
    {
        var live = Apply(null, """{"spec":{"replicas":1,"template":{"spec":{"args":["a"]}}}}""", "ci").Value;
        var result = Apply(live, """{"spec":{"replicas":3}}""", force: true);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(3, (int)result.Value!["spec"]!["replicas"]!);
        var entries = result.Value!["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal("""{"f:spec":{"f:template":{"f:spec":{"f:args":{}}}}}""", entries[0]!["fieldsV1"]!.ToJsonString());
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", entries[1]!["fieldsV1"]!.ToJsonString());
        // ci no longer owns replicas, so a later apply by ci without force conflicts with kubectl.
        var back = ServerSideApply.Apply(result.Value, JsonNode.Parse("""{"spec":{"replicas":1}}""")!, App, "ci", false, Clock);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas", back.Message);
    }

    [Theory]
    [InlineData("""{"metadata":{"finalizers":["a"]}}""", """{"metadata":{"finalizers":["b"]}}""", """["a","b"]""")]
    [InlineData("""{"spec":{"template":{"spec":{"args":["a"]}}}}""", """{"spec":{"template":{"spec":{"args":["b"]}}}}""", """["b"]""")]
    public void Sets_union_atomic_lists_replace(string first, string second, string expected)
    {
        var live = Apply(null, first, "one").Value;
        var result = Apply(live, second, "two", force: true);
        var value = result.Value!["metadata"]!["finalizers"] ?? result.Value!["spec"]!["template"]!["spec"]!["args"];
        Assert.Equal(expected, value!.ToJsonString());
    }

    [Fact]
    public void Reapplying_the_same_configuration_is_stable()
    {
        var applied = """{"metadata":{"name":"a","labels":{"app":"x"}},"spec":{"template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}""";
        var once = Apply(null, applied).Value;
        var twice = Apply(once, applied).Value;
        Assert.True(JsonNode.DeepEquals(once, twice));
        Assert.Contains("k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}", twice!.ToJsonString(Relaxed));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
