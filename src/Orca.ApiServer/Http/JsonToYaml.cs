using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orca.ApiServer.Http;

/// <summary>Renders a JSON tree as block-style YAML (keys in their JSON order).</summary>
internal static class JsonToYaml
{
    public static string Convert(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0, inSequence: false);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, bool inSequence)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!(first && inSequence)) sb.Append(' ', indent);
                    first = false;
                    sb.Append(Scalar(key)).Append(':');
                    WriteValue(sb, value, indent);
                }
                break;
            case JsonArray arr when arr.Count > 0:
                foreach (var item in arr)
                {
                    sb.Append(' ', indent).Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        if (item is JsonArray) sb.Append('\n').Append(' ', indent + 2);
                        Write(sb, item, indent + 2, inSequence: true);
                    }
                    else
                    {
                        sb.Append(Inline(item)).Append('\n');
                    }
                }
                break;
            default:
                sb.Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent)
    {
        if (value is JsonObject { Count: > 0 })
        {
            sb.Append('\n');
            Write(sb, value, indent + 2, inSequence: false);
        }
        else if (value is JsonArray { Count: > 0 })
        {
            sb.Append('\n');
            Write(sb, value, indent, inSequence: false);
        }
        else
        {
            sb.Append(' ').Append(Inline(value)).Append('\n');
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
        _ => node.ToJsonString(),
    };

    private static string Scalar(string s)
    {
        if (s.Length == 0) return "\"\"";
        var needsQuote = s is "true" or "false" or "null" or "~" or "yes" or "no" or "on" or "off" or "y" or "n"
            || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || s.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n', '\t']) >= 0
            || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s[0] is '-' or '?';
        return needsQuote ? JsonSerializer.Serialize(s) : s;
    }
}
