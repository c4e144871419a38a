using System.Text;
using System.Text.Json.Nodes;
using Orca.Api.Schema;

namespace Orca.Api.Patch;

/// <summary>
/// Field paths of server-side apply in the FieldsV1 element syntax: `f:name` (a field or map key),
/// `k:{"name":"a"}` (the list element with those keys), `v:"x"` (a set value) and `.` (the list
/// element itself). A path is its elements joined with NUL, so sets of paths are plain string sets.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\0';

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> UnownedRoot = ["apiVersion", "kind", "status"];
    private static readonly HashSet<string> UnownedMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
         "deletionGracePeriodSeconds", "managedFields", "selfLink"];

    /// <summary>The leaf paths an applied configuration sets, in document order.</summary>
    public static List<string> Collect(JsonObject applied, TypeSchema schema)
    {
        var paths = new List<string>();
        foreach (var (name, value) in applied)
        {
            if (UnownedRoot.Contains(name) || value is null)
                continue;
            if (name == "metadata" && value is JsonObject meta)
            {
                foreach (var (metaName, metaValue) in meta)
                {
                    if (!UnownedMetadata.Contains(metaName) && metaValue is not null)
                        CollectValue(metaValue, FieldOf(schema.Field("metadata")?.Schema, metaName), $"f:metadata{Separator}f:{metaName}", paths);
                }
                continue;
            }
            CollectValue(value, schema.Field(name), "f:" + name, paths);
        }
        return paths;
    }

    private static void CollectValue(JsonNode value, FieldSchema? field, string path, List<string> paths)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                var schema = field?.Schema;
                foreach (var (name, child) in obj)
                {
                    if (child is not null)
                        CollectValue(child, FieldOf(schema, name), $"{path}{Separator}f:{name}", paths);
                }
                break;
            case JsonArray list when list.Count > 0 && field?.ApplyKeys is { Count: > 0 } keys:
                foreach (var element in list.OfType<JsonObject>())
                {
                    var elementPath = $"{path}{Separator}{KeyElement(element, keys)}";
                    paths.Add($"{elementPath}{Separator}.");
                    CollectValue(element, new FieldSchema { JsonName = "", Schema = field.Schema.Items! }, elementPath, paths);
                }
                break;
            case JsonArray list when list.Count > 0 && field is { IsScalarSet: true }:
                foreach (var element in list)
                    paths.Add($"{path}{Separator}v:{element?.ToJsonString(Relaxed) ?? "null"}");
                break;
            default:
                paths.Add(path);
                break;
        }
    }

    private static FieldSchema? FieldOf(TypeSchema? schema, string name) => schema switch
    {
        { Kind: SchemaKind.Object } => schema.Field(name),
        { Kind: SchemaKind.Map, Values: { } values } => new FieldSchema { JsonName = name, Schema = values },
        _ => null,
    };

    public static string KeyElement(JsonObject element, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys.Order(StringComparer.Ordinal))
            key[k] = element[k]?.DeepClone();
        return "k:" + key.ToJsonString(Relaxed);
    }

    /// <summary>How Kubernetes prints a path: `.spec.containers[name="a"].image`, `.finalizers[="x"]`.</summary>
    public static string Display(string path)
    {
        var text = new StringBuilder();
        foreach (var element in path.Split(Separator))
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
                text.Append('.').Append(element[2..]);
            else if (element.StartsWith("v:", StringComparison.Ordinal))
                text.Append("[=").Append(element[2..]).Append(']');
            else if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject keys)
                text.Append('[').AppendJoin(',', keys.Select(k => $"{k.Key}={k.Value?.ToJsonString(Relaxed)}")).Append(']');
        }
        return text.ToString();
    }

    /// <summary>The FieldsV1 tree of a set of paths.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths)
        {
            var node = root;
            foreach (var element in path.Split(Separator))
            {
                if (node[element] is not JsonObject child)
                    node[element] = child = new JsonObject();
                node = child;
            }
        }
        return root;
    }

    /// <summary>The leaf paths of a FieldsV1 tree.</summary>
    public static List<string> FromFieldsV1(JsonObject? fields)
    {
        var paths = new List<string>();
        void Walk(JsonObject node, string prefix)
        {
            foreach (var (element, child) in node)
            {
                var path = prefix.Length == 0 ? element : $"{prefix}{Separator}{element}";
                if (child is JsonObject { Count: > 0 } inner)
                    Walk(inner, path);
                else
                    paths.Add(path);
            }
        }
        if (fields is not null)
            Walk(fields, "");
        return paths;
    }

    /// <summary>The value at a path (the element for `.`), or false when the object lacks it.</summary>
    public static bool TryGet(JsonNode? root, string path, out JsonNode? value)
    {
        value = root;
        foreach (var element in path.Split(Separator))
        {
            if (element == ".")
                continue;
            if (!TryStep(value, element, out value, out _))
                return false;
        }
        return true;
    }

    /// <summary>Removes the field, element or set value a path names; no-op when absent.</summary>
    public static void Remove(JsonNode root, string path)
    {
        var elements = path.Split(Separator);
        if (elements[^1] == ".")
            elements = elements[..^1];
        JsonNode? parent = root;
        foreach (var element in elements[..^1])
        {
            if (!TryStep(parent, element, out parent, out _))
                return;
        }
        if (!TryStep(parent, elements[^1], out _, out var index))
            return;
        if (parent is JsonObject obj)
            obj.Remove(elements[^1][2..]);
        else if (parent is JsonArray array)
            array.RemoveAt(index);
    }

    private static bool TryStep(JsonNode? node, string element, out JsonNode? child, out int index)
    {
        child = null;
        index = -1;
        if (element.StartsWith("f:", StringComparison.Ordinal))
            return node is JsonObject obj && obj.TryGetPropertyValue(element[2..], out child);
        if (node is not JsonArray array)
            return false;
        var keys = element.StartsWith("k:", StringComparison.Ordinal) ? JsonNode.Parse(element[2..]) as JsonObject : null;
        var wanted = element.StartsWith("v:", StringComparison.Ordinal) ? JsonNode.Parse(element[2..]) : null;
        for (var i = 0; i < array.Count; i++)
        {
            var matches = keys is not null
                ? array[i] is JsonObject e && keys.All(k => JsonNode.DeepEquals(e[k.Key], k.Value))
                : JsonNode.DeepEquals(array[i], wanted);
            if (matches)
            {
                (child, index) = (array[i], i);
                return true;
            }
        }
        return false;
    }
}
