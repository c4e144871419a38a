using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orca.Api.Schema;

/// <summary>
/// Finds fields of a request body that its type does not declare, for `fieldValidation`
/// (Strict fails, Warn warns, Ignore drops them). Paths are written the way Kubernetes' strict
/// decoder writes them: dotted field names from the root without a leading dot, list indexes in
/// brackets (`spec.containers[0].foo`), map keys as path segments (`metadata.labels.x` cannot be
/// unknown, but `spec.volumes[1].x` can). Free-form (<see cref="SchemaKind.Any"/>) subtrees are not
/// checked; type mismatches are left to deserialization. Stateless and thread-safe.
/// </summary>
public static class UnknownFieldDetector
{
    /// <summary>The unknown field paths of <paramref name="body"/>, in document order.</summary>
    public static IReadOnlyList<string> Detect(JsonNode? body, TypeSchema schema)
    {
        var found = new List<string>();
        Walk(body, schema, "", found, prune: false);
        return found;
    }

    /// <summary>Removes unknown fields from <paramref name="body"/> in place and returns their paths.</summary>
    public static IReadOnlyList<string> Prune(JsonNode? body, TypeSchema schema)
    {
        var found = new List<string>();
        Walk(body, schema, "", found, prune: true);
        return found;
    }

    /// <summary>The strict-decoding message of one unknown field: <c>unknown field "spec.foo"</c>.</summary>
    public static string Describe(string path) => $"unknown field \"{path}\"";

    /// <summary>The strict-decoding message of one duplicate field: <c>duplicate field "spec.foo"</c>.</summary>
    public static string DescribeDuplicate(string path) => $"duplicate field \"{path}\"";

    /// <summary>
    /// The paths of object members that occur more than once in the raw JSON, in document order
    /// (each repeat once). Malformed JSON yields the duplicates seen before the error; parsing
    /// errors are for the deserializer to report.
    /// </summary>
    public static IReadOnlyList<string> FindDuplicates(ReadOnlySpan<byte> utf8Json)
    {
        var found = new List<string>();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { AllowTrailingCommas = false });
        var frames = new Stack<Frame>();
        string? pendingName = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        frames.Push(new Frame(ChildPath(frames, pendingName), reader.TokenType == JsonTokenType.StartObject));
                        pendingName = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        if (frames.Count > 0 && !frames.Peek().IsObject)
                            frames.Peek().Index++;
                        break;
                    case JsonTokenType.PropertyName:
                        pendingName = reader.GetString()!;
                        var top = frames.Peek();
                        if (!top.Names.Add(pendingName))
                            found.Add(Join(top.Path, pendingName));
                        break;
                    default:
                        pendingName = null;
                        if (frames.Count > 0 && !frames.Peek().IsObject)
                            frames.Peek().Index++;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Syntax errors are reported by the deserializer.
        }
        return found;
    }

    private static string ChildPath(Stack<Frame> frames, string? name)
    {
        if (frames.Count == 0)
            return "";
        var parent = frames.Peek();
        return parent.IsObject ? Join(parent.Path, name ?? "") : $"{parent.Path}[{parent.Index.ToString(CultureInfo.InvariantCulture)}]";
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Walk(JsonNode? node, TypeSchema schema, string path, List<string> found, bool prune)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Object when node is JsonObject obj:
                List<string>? remove = null;
                foreach (var (name, child) in obj)
                {
                    var childPath = Join(path, name);
                    if (schema.Field(name) is { } field)
                        Walk(child, field.Schema, childPath, found, prune);
                    else
                    {
                        found.Add(childPath);
                        (remove ??= []).Add(name);
                    }
                }
                if (prune && remove is not null)
                    foreach (var name in remove)
                        obj.Remove(name);
                break;
            case SchemaKind.Map when node is JsonObject map && schema.Values is { } values:
                foreach (var (key, child) in map)
                    Walk(child, values, Join(path, key), found, prune);
                break;
            case SchemaKind.Array when node is JsonArray array && schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], items, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", found, prune);
                break;
        }
    }

    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;
        public bool IsObject { get; } = isObject;
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        public int Index { get; set; }
    }
}
