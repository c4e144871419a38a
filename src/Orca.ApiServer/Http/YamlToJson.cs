using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orca.ApiServer.Http;

/// <summary>
/// Converts one YAML document to a JSON tree with YAML 1.1-ish scalar typing as Kubernetes'
/// sigs.k8s.io/yaml does: unquoted true/false, null/~, integers and floats become JSON values;
/// quoted scalars stay strings.
/// </summary>
internal static class YamlToJson
{
    public static JsonNode Convert(byte[] body)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(new MemoryStream(body));
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw ApiErrors.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0) throw ApiErrors.BadRequest("the request body is empty");
        var budget = new Budget();
        return ToNode(stream.Documents[0].RootNode, 0, budget) ?? throw ApiErrors.BadRequest("the request body is null");
    }

    /// <summary>
    /// Aliases make a small document expand to an enormous tree ("billion laughs"): the number of
    /// values produced is capped well above any real manifest.
    /// </summary>
    private sealed class Budget
    {
        private const int MaxValues = 1_000_000;
        private int _values;

        public void Spend()
        {
            if (++_values > MaxValues) throw ApiErrors.BadRequest("error converting YAML to JSON: the document expands to too many values");
        }
    }

    private static JsonNode? ToNode(YamlNode node, int depth, Budget budget)
    {
        if (depth > 256) throw ApiErrors.BadRequest("error converting YAML to JSON: document nested too deeply");
        budget.Spend();
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode ks ? ks.Value ?? "" : throw ApiErrors.BadRequest("error converting YAML to JSON: non-scalar map key");
                    obj[key] = ToNode(v, depth + 1, budget);
                }
                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children) arr.Add(ToNode(item, depth + 1, budget));
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
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (text.StartsWith("0x", StringComparison.Ordinal) &&
            long.TryParse(text[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);
        if (System.Text.RegularExpressions.Regex.IsMatch(text, "^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }
}
