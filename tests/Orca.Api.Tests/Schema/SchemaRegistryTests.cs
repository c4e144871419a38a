using Orca.Api.Schema;

namespace Orca.Api.Tests.Schema;

public sealed class SchemaRegistryTests
{
    [Theory]
    [InlineData("replicas", SchemaKind.Integer, "int32")]
    [InlineData("template", SchemaKind.Object, null)]
    [InlineData("strategy", SchemaKind.Object, null)]
    public void Spec_fields_have_their_kinds(string name, SchemaKind kind, string? format)
    {
        var field = SchemaRegistry.For<TestAppSpec>().Properties[name];
        Assert.Equal(kind, field.Schema.Kind);
        Assert.Equal(format, field.Schema.Format);
    }

    [Theory]
    [InlineData("phase", SchemaKind.String)]
    [InlineData("startTime", SchemaKind.DateTime)]
    [InlineData("renewTime", SchemaKind.DateTime)]
    [InlineData("data", SchemaKind.Bytes)]
    [InlineData("ratio", SchemaKind.Number)]
    [InlineData("ready", SchemaKind.Boolean)]
    [InlineData("extra", SchemaKind.Any)]
    public void Scalar_kinds_are_recognised(string name, SchemaKind kind) =>
        Assert.Equal(kind, SchemaRegistry.For<TestStatus>().Properties[name].Schema.Kind);

    [Fact]
    public void Micro_time_enum_values_and_int64_are_recorded()
    {
        var status = SchemaRegistry.For<TestStatus>();
        Assert.True(status.Properties["renewTime"].IsMicroTime);
        Assert.False(status.Properties["startTime"].IsMicroTime);
        Assert.Equal(["Pending", "Running"], status.Properties["phase"].Schema.EnumValues);
        Assert.Equal("int64", SchemaRegistry.For<TestPodSpec>().Properties["activeDeadlineSeconds"].Schema.Format);
    }

    [Fact]
    public void Container_fields_keep_order_names_and_patch_metadata()
    {
        var container = SchemaRegistry.For<TestContainer>();
        Assert.Equal(["name", "image", "env", "ports", "limits", "cmd"], container.Properties.Keys);
        Assert.Equal(["name"], container.Required);
        Assert.Equal("Unique name of the container.", container.Properties["name"].Description);
        var env = container.Properties["env"];
        Assert.Equal(("merge", "name"), (env.PatchStrategy, env.PatchMergeKey));
        Assert.Equal(SchemaKind.Array, env.Schema.Kind);
        Assert.Same(SchemaRegistry.For<TestEnvVar>(), env.Schema.Items);
        var ports = container.Properties["ports"];
        Assert.Equal("map", ports.ListType);
        Assert.Equal(["containerPort", "protocol"], ports.ListMapKeys);
        var limits = container.Properties["limits"].Schema;
        Assert.Equal((SchemaKind.Map, SchemaKind.Quantity), (limits.Kind, limits.Values!.Kind));
        Assert.Equal(SchemaKind.IntOrString, SchemaRegistry.For<TestPort>().Properties["hostPort"].Schema.Kind);
    }

    [Fact]
    public void Type_doc_and_object_meta_are_described()
    {
        var app = SchemaRegistry.For<TestApp>();
        Assert.Equal("A small deployment-like object for schema and patch tests.", app.Description);
        var meta = app.Properties["metadata"].Schema;
        Assert.Equal(SchemaKind.Map, meta.Properties["labels"].Schema.Kind);
        Assert.Equal("uid", meta.Properties["ownerReferences"].PatchMergeKey);
        Assert.Equal(SchemaKind.Any, meta.Properties["managedFields"].Schema.Items!.Properties["fieldsV1"].Schema.Kind);
    }

    [Fact]
    public void Recursive_types_point_back_to_the_same_instance()
    {
        var tree = SchemaRegistry.For<TestTree>();
        Assert.Same(tree, tree.Properties["children"].Schema.Items);
        Assert.Same(tree, tree.Properties["named"].Schema.Values);
        Assert.Same(tree, tree.Properties["parent"].Schema);
    }

    [Fact]
    public void Concurrent_callers_get_one_instance()
    {
        var schemas = new TypeSchema[16];
        Parallel.For(0, schemas.Length, i => schemas[i] = SchemaRegistry.For(typeof(TestVolume)));
        Assert.All(schemas, s => Assert.Same(schemas[0], s));
    }
}
