using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orca.Api.Meta;
using Orca.Api.OpenApi;

namespace Orca.Api.Tests.OpenApi;

[Doc("A widget runs a set of parts.")]
public sealed record Widget : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    [Doc("What the widget should look like.")]
    public WidgetSpec? Spec { get; set; }
    public WidgetStatus? Status { get; set; }
}

public sealed record WidgetList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Widget> Items { get; set; } = [];
}

public sealed record WidgetSpec
{
    [Doc("The parts of the widget."), ApiRequired]
    [PatchMergeKey("name"), PatchStrategy("merge"), ListType("map", "name")]
    public List<WidgetPart>? Parts { get; set; }
    [PatchStrategy("retainKeys")]
    public WidgetStrategy? Strategy { get; set; }
    public Dictionary<string, string>? Selector { get; set; }
    public Dictionary<string, Quantity>? Limits { get; set; }
    public IntOrString? Port { get; set; }
    [ListType("set")]
    public List<string>? Tags { get; set; }
}

public sealed record WidgetPart
{
    [Doc("Unique name of the part."), ApiRequired]
    public string? Name { get; set; }
    public long? Size { get; set; }
    public byte[]? Blob { get; set; }
    public JsonObject? Extra { get; set; }
}

public sealed record WidgetStrategy
{
    public string? Type { get; set; }
}

public sealed record WidgetStatus
{
    public DateTimeOffset? StartTime { get; set; }
    [JsonConverter(typeof(Orca.Api.Json.MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }
    [PatchMergeKey("type"), PatchStrategy("merge"), ListType("map", "type")]
    public List<Condition>? Conditions { get; set; }
}

/// <summary>A cluster-scoped kind in a named group.</summary>
public sealed record Gadget : IKubeObject
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta Metadata { get; set; } = new();
    public double? Ratio { get; set; }
}

public sealed record GadgetList : IKubeList
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ListMeta Metadata { get; set; } = new();
    public List<Gadget> Items { get; set; } = [];
}

/// <summary>A subresource body of its own kind, like policy/v1 Eviction.</summary>
public sealed record Nudge
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public ObjectMeta? Metadata { get; set; }
}

internal static class OpenApiFixtures
{
    public static readonly OpenApiSchemaNames Names = OpenApiSchemaNames.Default
        .With("Orca.Api.Tests.OpenApi", new("io.orca.test.v1", "", "v1"));

    public static readonly string[] AllVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    public static OpenApiResource Widgets(params string[] verbs) => new(
        "", "v1", "widgets", "Widget", Namespaced: true, typeof(Widget), typeof(WidgetList),
        verbs.Length == 0 ? AllVerbs : verbs,
        [
            new OpenApiSubresource("status", null, ["get", "update", "patch"]),
            new OpenApiSubresource("nudge", typeof(Nudge), ["create"]),
        ]);

    public static OpenApiResource Gadgets() => new(
        "things.example.com", "v1beta1", "gadgets", "Gadget", Namespaced: false, typeof(Gadget), typeof(GadgetList),
        ["get", "list", "watch", "patch", "delete"], []);

    public static OpenApiDocuments Build(params OpenApiResource[] resources) =>
        OpenApiDocuments.Build(resources.Length == 0 ? [Widgets(), Gadgets()] : resources, Names);

    public static JsonObject Document(OpenApiDocuments docs, string gvPath)
    {
        Assert.True(docs.TryGet(gvPath, out var json, out _), gvPath);
        return JsonNode.Parse(json)!.AsObject();
    }

    public static JsonObject SchemaOf(JsonObject doc, string name) => doc["components"]!["schemas"]![name]!.AsObject();

    /// <summary>Every `$ref` value anywhere under <paramref name="node"/>.</summary>
    public static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [(string)p.Value!] : Refs(p.Value)),
        JsonArray a => a.SelectMany(Refs),
        _ => [],
    };
}
