using System.Globalization;
using System.Text.Json.Nodes;

namespace Orca.Api.Patch;

/// <summary>RFC 6901 JSON pointer: "/a/b~1c/0" addresses a → "b/c" → element 0.</summary>
internal static class JsonPointer
{
    /// <summary>The unescaped reference tokens, or null when the text is not a pointer.</summary>
    public static string[]? Parse(string text)
    {
        if (text.Length == 0)
            return [];
        if (text[0] != '/')
            return null;
        return text[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    /// <summary>The node at <paramref name="tokens"/> and whether it exists (a null value exists).</summary>
    public static bool TryGet(JsonNode? root, IReadOnlyList<string> tokens, out JsonNode? value)
    {
        value = root;
        foreach (var token in tokens)
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    value = child;
                    break;
                case JsonArray array when TryIndex(token, array.Count - 1, out var i):
                    value = array[i];
                    break;
                default:
                    value = null;
                    return false;
            }
        }
        return true;
    }

    /// <summary>Parses an array index: digits only, no leading zero, at most <paramref name="max"/>.</summary>
    public static bool TryIndex(string token, int max, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
            return false;
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= max;
    }
}
