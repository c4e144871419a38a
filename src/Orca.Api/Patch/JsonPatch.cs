using System.Text.Json.Nodes;

namespace Orca.Api.Patch;

/// <summary>
/// RFC 6902 JSON patch (`application/json-patch+json`): add, remove, replace, move, copy and test,
/// applied in order to a copy of the target; the first failing operation fails the whole patch
/// and nothing of it applies. Messages follow the Go json-patch library the API server uses.
/// Inputs are not modified; stateless and thread-safe.
/// </summary>
public static class JsonPatch
{
    public static PatchResult Apply(JsonNode? target, JsonArray operations)
    {
        var holder = new JsonObject { ["doc"] = target?.DeepClone() };
        foreach (var op in operations)
        {
            if (op is not JsonObject operation)
                return PatchResult.BadRequest("json: cannot unmarshal non-object into Go value of type jsonpatch.Operation");
            var error = ApplyOne(holder, operation);
            if (error is not null)
                return error;
        }
        return PatchResult.Ok(holder["doc"]?.DeepClone());
    }

    private static PatchResult? ApplyOne(JsonObject holder, JsonObject operation)
    {
        var kind = (operation["op"] as JsonValue)?.TryGetValue<string>(out var k) == true ? k : "unknown";
        var pathText = (operation["path"] as JsonValue)?.TryGetValue<string>(out var p) == true ? p : null;
        if (pathText is null)
            return PatchResult.BadRequest($"{kind} operation failed to decode path");
        if (JsonPointer.Parse(pathText) is not { } tokens)
            return PatchResult.BadRequest($"JSON pointer must be empty or start with a \"/\": {pathText}");
        string[] path = ["doc", .. tokens];
        switch (kind)
        {
            case "add":
                if (!operation.TryGetPropertyValue("value", out var addValue))
                    return PatchResult.BadRequest("add operation failed to decode value: missing value");
                return Add(holder, path, addValue?.DeepClone(), pathText, "add");
            case "remove":
                return Remove(holder, path, pathText, out _);
            case "replace":
                if (!operation.TryGetPropertyValue("value", out var replaceValue))
                    return PatchResult.BadRequest("replace operation failed to decode value: missing value");
                return Replace(holder, path, replaceValue?.DeepClone(), pathText);
            case "move":
            case "copy":
                return MoveOrCopy(holder, operation, path, pathText, kind);
            case "test":
                return Test(holder, operation, path, pathText);
            default:
                return PatchResult.BadRequest($"Unexpected kind: {kind}");
        }
    }

    private static PatchResult? Add(JsonObject holder, string[] path, JsonNode? value, string pathText, string kind)
    {
        if (!JsonPointer.TryGet(holder, path[..^1], out var parent) || parent is not (JsonObject or JsonArray))
            return PatchResult.Unprocessable($"{kind} operation does not apply: doc is missing path: \"{pathText}\": missing value");
        var key = path[^1];
        if (parent is JsonObject obj)
        {
            obj[key] = value;
            return null;
        }
        var array = (JsonArray)parent;
        if (key == "-")
        {
            array.Add(value);
            return null;
        }
        if (!JsonPointer.TryIndex(key, array.Count, out var index))
            return PatchResult.Unprocessable($"error in {kind} for path: '{pathText}': Unable to access invalid index: {key}: invalid index referenced");
        array.Insert(index, value);
        return null;
    }

    private static PatchResult? Remove(JsonObject holder, string[] path, string pathText, out JsonNode? removed)
    {
        removed = null;
        if (!JsonPointer.TryGet(holder, path[..^1], out var parent) || parent is not (JsonObject or JsonArray))
            return PatchResult.Unprocessable($"remove operation does not apply: doc is missing path: \"{pathText}\": missing value");
        var key = path[^1];
        if (parent is JsonObject obj)
        {
            if (!obj.TryGetPropertyValue(key, out removed))
                return PatchResult.Unprocessable($"error in remove for path: '{pathText}': Unable to remove nonexistent key: {key}: missing value");
            obj.Remove(key);
            return null;
        }
        var array = (JsonArray)parent;
        if (!JsonPointer.TryIndex(key, array.Count - 1, out var index))
            return PatchResult.Unprocessable($"error in remove for path: '{pathText}': Unable to access invalid index: {key}: invalid index referenced");
        removed = array[index];
        array.RemoveAt(index);
        return null;
    }

    private static PatchResult? Replace(JsonObject holder, string[] path, JsonNode? value, string pathText)
    {
        if (!JsonPointer.TryGet(holder, path[..^1], out var parent) || parent is not (JsonObject or JsonArray))
            return PatchResult.Unprocessable($"replace operation does not apply: doc is missing path: {pathText}: missing value");
        var key = path[^1];
        if (parent is JsonObject obj)
        {
            if (!obj.ContainsKey(key))
                return PatchResult.Unprocessable($"replace operation does not apply: doc is missing key: {pathText}: missing value");
            obj[key] = value;
            return null;
        }
        var array = (JsonArray)parent;
        if (!JsonPointer.TryIndex(key, array.Count - 1, out var index))
            return PatchResult.Unprocessable($"replace operation does not apply: doc is missing key: {pathText}: missing value");
        array[index] = value;
        return null;
    }

    private static PatchResult? MoveOrCopy(JsonObject holder, JsonObject operation, string[] path, string pathText, string kind)
    {
        var fromText = (operation["from"] as JsonValue)?.TryGetValue<string>(out var f) == true ? f : null;
        if (fromText is null || JsonPointer.Parse(fromText) is not { } fromTokens)
            return PatchResult.BadRequest($"{kind} operation failed to decode from");
        string[] from = ["doc", .. fromTokens];
        if (!JsonPointer.TryGet(holder, from, out var value))
            return PatchResult.Unprocessable($"{kind} operation does not apply: doc is missing from path: \"{fromText}\": missing value");
        if (kind == "copy")
            return Add(holder, path, value?.DeepClone(), pathText, "copy");
        if (pathText.StartsWith(fromText + "/", StringComparison.Ordinal))
            return PatchResult.Unprocessable($"move operation does not apply: path {pathText} is inside from {fromText}");
        var removeError = Remove(holder, from, fromText, out var moved);
        return removeError ?? Add(holder, path, moved, pathText, "move");
    }

    private static PatchResult? Test(JsonObject holder, JsonObject operation, string[] path, string pathText)
    {
        operation.TryGetPropertyValue("value", out var expected);
        if (JsonPointer.TryGet(holder, path, out var actual) && JsonNode.DeepEquals(actual, expected))
            return null;
        return PatchResult.Unprocessable($"testing value {pathText} failed: test failed");
    }
}
