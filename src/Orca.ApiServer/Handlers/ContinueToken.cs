using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// The opaque `continue` token of paged lists: the revision of the first page and the last key
/// returned, so later pages read a consistent snapshot from the store at that revision.
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long revision, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"v\":\"meta.k8s.io/v1\",\"rv\":{revision},\"start\":\"{Escape(lastKey)}\"}}"));

    public static bool TryDecode(string token, out long revision, out string lastKey)
    {
        revision = 0;
        lastKey = "";
        try
        {
            var json = System.Text.Json.JsonDocument.Parse(Base64Url.DecodeFromChars(token));
            var root = json.RootElement;
            if (!root.TryGetProperty("rv", out var rv) || !rv.TryGetInt64(out revision) || revision <= 0) return false;
            if (!root.TryGetProperty("start", out var start) || start.GetString() is not { Length: > 0 } key) return false;
            lastKey = key;
            return key.StartsWith("/registry/", StringComparison.Ordinal) && !key.Contains("..", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    public static string Format(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
