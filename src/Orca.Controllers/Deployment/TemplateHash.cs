using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Json;

namespace Orca.Controllers.Deployments;

/// <summary>
/// The pod-template-hash of a Deployment's template and template equality "ignoring the hash", which is how
/// a Deployment recognises its new ReplicaSet. The hash is FNV-1a (32 bit) over the template's JSON with keys
/// in ordinal order (so it is stable across processes and field orders) plus the collision count, written
/// in Kubernetes' safe alphabet (no vowels, no look-alikes): a short lowercase alphanumeric string.
/// </summary>
internal static class TemplateHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(PodTemplateSpec template, int? collisionCount)
    {
        var text = Canonical(template, dropHash: false);
        if (collisionCount is { } c) text += "#" + c.ToString(CultureInfo.InvariantCulture);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var ch in digits) encoded.Append(SafeAlphabet[ch % SafeAlphabet.Length]);
        return encoded.ToString();
    }

    /// <summary>Equal templates apart from the pod-template-hash label (empty label/annotation maps equal missing ones).</summary>
    public static bool EqualIgnoringHash(PodTemplateSpec? a, PodTemplateSpec? b) =>
        Canonical(a ?? new PodTemplateSpec(), dropHash: true) == Canonical(b ?? new PodTemplateSpec(), dropHash: true);

    private static string Canonical(PodTemplateSpec template, bool dropHash)
    {
        var node = JsonNode.Parse(ApiJson.Serialize(template))!;
        if (dropHash && node["metadata"] is JsonObject meta)
        {
            if (meta["labels"] is JsonObject labels)
            {
                labels.Remove(AppsLabels.PodTemplateHash);
                if (labels.Count == 0) meta.Remove("labels");
            }
            if (meta["annotations"] is JsonObject { Count: 0 }) meta.Remove("annotations");
            if (meta.Count == 0) ((JsonObject)node).Remove("metadata");
        }
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (value is null) continue;
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(JsonValue.Create(key).ToJsonString()).Append(':');
                    Write(value, sb);
                }
                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(arr[i], sb);
                }
                sb.Append(']');
                break;
            default:
                sb.Append(node?.ToJsonString() ?? "null");
                break;
        }
    }
}
