using System.Text.Json.Nodes;

namespace Orca.Api.Patch;

/// <summary>
/// RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge recursively, null
/// deletes a member, anything else (arrays included) replaces. Inputs are not modified.
/// </summary>
public static class JsonMergePatch
{
    public static PatchResult Apply(JsonNode? target, JsonNode? patch) => PatchResult.Ok(Merge(target, patch));

    /// <summary>The merged document; <paramref name="target"/> and <paramref name="patch"/> are left intact.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> in place.</summary>
    internal static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
                target.Remove(name);
            else if (value is JsonObject patchChild)
            {
                if (target[name] is not JsonObject targetChild)
                    target[name] = targetChild = new JsonObject();
                MergeInto(targetChild, patchChild);
            }
            else
                target[name] = value.DeepClone();
        }
    }
}
