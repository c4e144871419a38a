using System.Text.Json;
using Orca.Api.Json;

namespace Orca.ApiServer.Resources;

/// <summary>Compares API values by their JSON, as trees: object member order does not count, values do.</summary>
internal static class JsonTrees
{
    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> (both of <paramref name="type"/>, either may be
    /// null) serialize to different JSON trees. Equal bytes answer at once; otherwise both are parsed and
    /// compared member by member, so maps written in another key order are still equal.
    /// </summary>
    public static bool Differ(object? a, object? b, Type type)
    {
        if (a is null || b is null) return !ReferenceEquals(a, b);
        var info = ApiJson.Info(type);
        var left = JsonSerializer.SerializeToUtf8Bytes(a, info);
        var right = JsonSerializer.SerializeToUtf8Bytes(b, info);
        if (left.AsSpan().SequenceEqual(right)) return false;
        using var l = JsonDocument.Parse(left);
        using var r = JsonDocument.Parse(right);
        return !JsonElement.DeepEquals(l.RootElement, r.RootElement);
    }
}
