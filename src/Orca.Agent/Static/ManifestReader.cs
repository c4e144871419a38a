using System.Globalization;
using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orca.Agent.Static;

/// <summary>
/// Reads a static pod manifest (JSON, or YAML converted to JSON: plain scalars that look like numbers,
/// booleans or null become those; quoted scalars stay strings). Errors are values.
/// </summary>
internal static class ManifestReader
{
    public static (Pod? Pod, string? Error) Read(string text)
    {
        var isJson = text.TrimStart().StartsWith('{');
        string json;
        try
        {
            json = isJson ? text : YamlToJson(text);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or InvalidCastException)
        {
            // YamlDotNet's scanner throws a bare InvalidOperationException on some broken documents.
            return (null, "invalid YAML: " + (e is YamlException y ? $"line {y.Start.Line}, column {y.Start.Column}: {y.Message}" : "the document could not be parsed"));
        }
        Pod? pod;
        try
        {
            pod = ApiJson.Deserialize<Pod>(json);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return (null, (isJson && e is System.Text.Json.JsonException { LineNumber: not null } ? "invalid JSON: " : "invalid manifest: ") + e.Message);
        }
        if (pod is null) return (null, "empty manifest");
        if (pod.Kind is not (null or "Pod")) return (null, $"kind {pod.Kind} is not Pod");
        if (string.IsNullOrEmpty(pod.Metadata.Name)) return (null, "metadata.name is required");
        if (pod.Spec.Containers.Count == 0) return (null, "spec.containers must not be empty");
        return (pod, null);
    }

    private static string YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0) return "null";
        return Convert(stream.Documents[0].RootNode)?.ToJsonString() ?? "null";
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode s => Scalar(s),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded) return JsonValue.Create(v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && v.Any(char.IsDigit) && !v.Contains(' ')) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }
}
