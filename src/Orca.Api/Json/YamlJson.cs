using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orca.Api.Json;

/// <summary>
/// Converts the first YAML document to a JSON tree with the scalar typing Kubernetes' sigs.k8s.io/yaml
/// applies: unquoted true/false, null/~, integers (also 0x hex) and floats become JSON values; quoted and
/// block scalars stay strings. Alias expansion is capped ("billion laughs"), as is nesting depth.
/// Thread-safe. Errors throw <see cref="FormatException"/> with a message fit for users.
/// </summary>
public static partial class YamlJson
{
    private const int MaxValues = 1_000_000;
    private const int MaxDepth = 256;

    /// <summary>The document as JSON; null for an empty stream or a null document.</summary>
    public static JsonNode? Parse(string yaml) => Parse(yaml, out _);

    /// <summary>The document as JSON; <paramref name="empty"/> tells an empty stream (no document) from a null document.</summary>
    public static JsonNode? Parse(string yaml, out bool empty)
    {
        empty = false;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}", e);
        }
        if (stream.Documents.Count == 0)
        {
            empty = true;
            return null;
        }
        var values = 0;
        return ToNode(stream.Documents[0].RootNode, 0, ref values);
    }

    private static JsonNode? ToNode(YamlNode node, int depth, ref int values)
    {
        if (depth > MaxDepth) throw new FormatException("error converting YAML to JSON: document nested too deeply");
        if (++values > MaxValues) throw new FormatException("error converting YAML to JSON: the document expands to too many values");
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode ks ? ks.Value ?? "" : throw new FormatException("error converting YAML to JSON: non-scalar map key");
                    obj[key] = ToNode(v, depth + 1, ref values);
                }
                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children) arr.Add(ToNode(item, depth + 1, ref values));
                return arr;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
