using System.Text.Json.Nodes;
using Orca.Api.Schema;

namespace Orca.Api.Patch;

/// <summary>
/// Kubernetes strategic merge patch (`application/strategic-merge-patch+json`), driven by the
/// patchStrategy / patchMergeKey metadata of the type's <see cref="TypeSchema"/>:
/// objects and maps merge recursively and null deletes; lists whose field has strategy "merge"
/// merge by patchMergeKey (new elements appended in patch order) or, for scalars, are unioned;
/// other lists are replaced. Directives: `$patch: replace|merge|delete` on maps and list
/// elements, `$retainKeys`, `$setElementOrder/field`, `$deleteFromPrimitiveList/field`.
/// Where the schema knows nothing (unknown field, <see cref="SchemaKind.Any"/>) the rules of
/// JSON merge patch apply. Inputs are not modified; stateless and thread-safe.
/// </summary>
public static partial class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    public static PatchResult Apply(JsonNode? original, JsonNode? patch, TypeSchema schema)
    {
        if (patch is not JsonObject patchObject)
            return PatchResult.BadRequest("strategic merge patch must be a JSON object");
        var target = original is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject();
        try
        {
            return PatchResult.Ok(MergeObject(target, patchObject, schema) ?? new JsonObject());
        }
        catch (BadPatchException e)
        {
            return PatchResult.BadRequest(e.Message);
        }
    }

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="target"/> (owned, changed in place).
    /// Returns the result, or null when the patch deletes the whole object (`$patch: delete`).
    /// </summary>
    private static JsonObject? MergeObject(JsonObject target, JsonObject patch, TypeSchema? schema)
    {
        switch (DirectiveOf(patch))
        {
            case "delete":
                return null;
            case "replace":
                return MergeObject(new JsonObject(), WithoutDirective(patch), schema);
            case null or "merge":
                break;
            case var other:
                throw new BadPatchException($"Unknown patch type: {other} in map: {patch.ToJsonString()}");
        }
        if (patch[RetainKeysDirective] is JsonArray retain)
            RetainKeys(target, patch, retain);
        foreach (var (name, value) in patch)
        {
            if (name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
                DeleteFromPrimitiveList(target, name[DeleteFromPrimitiveListPrefix.Length..], value);
        }
        foreach (var (name, value) in patch)
        {
            if (name is PatchDirective or RetainKeysDirective || name.StartsWith('$'))
                continue;
            MergeField(target, name, value, FieldOf(schema, name));
        }
        foreach (var (name, value) in patch)
        {
            if (name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) && value is JsonArray order)
            {
                var field = name[SetElementOrderPrefix.Length..];
                if (target[field] is JsonArray list)
                    SetElementOrder(list, order, FieldOf(schema, field)?.PatchMergeKey);
            }
        }
        return target;
    }

    private static void MergeField(JsonObject target, string name, JsonNode? value, FieldSchema? field)
    {
        if (value is null)
        {
            target.Remove(name);
            return;
        }
        var current = target[name];
        JsonNode? merged = value switch
        {
            JsonObject patchObject => MergeObject(current is JsonObject c ? Detach(target, name, c) : new JsonObject(), patchObject, ChildSchema(field)),
            JsonArray patchArray => MergeList(current as JsonArray, patchArray, field),
            _ => value.DeepClone(),
        };
        if (merged is null)
            target.Remove(name);
        else
            target[name] = merged;
    }

    /// <summary>The schema to merge an object-valued field with: its object schema, or a map's.</summary>
    private static TypeSchema? ChildSchema(FieldSchema? field) =>
        field?.Schema is { Kind: SchemaKind.Object or SchemaKind.Map } s ? s : null;

    /// <summary>The field of a map or object schema, or null when the schema does not know it.</summary>
    private static FieldSchema? FieldOf(TypeSchema? schema, string name) => schema switch
    {
        { Kind: SchemaKind.Object } => schema.Field(name),
        { Kind: SchemaKind.Map, Values: { } values } => new FieldSchema { JsonName = name, Schema = values },
        _ => null,
    };

    private static void RetainKeys(JsonObject target, JsonObject patch, JsonArray retain)
    {
        var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
        foreach (var (name, _) in patch)
        {
            if (!name.StartsWith('$') && !keep.Contains(name))
                throw new BadPatchException($"doesn't match $retainKeys: {name} is not in {retain.ToJsonString()}");
        }
        foreach (var name in target.Select(p => p.Key).Where(n => !keep.Contains(n)).ToList())
            target.Remove(name);
    }

    private static void DeleteFromPrimitiveList(JsonObject target, string field, JsonNode? values)
    {
        if (values is not JsonArray remove)
            throw new BadPatchException($"invalid patch: {DeleteFromPrimitiveListPrefix}{field} must be a list");
        if (target[field] is not JsonArray list)
            return;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (remove.Any(r => JsonNode.DeepEquals(r, list[i])))
                list.RemoveAt(i);
        }
    }

    private static string? DirectiveOf(JsonObject obj) =>
        obj[PatchDirective] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject WithoutDirective(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name != PatchDirective)
                copy[name] = value?.DeepClone();
        }
        return copy;
    }

    private static JsonObject Detach(JsonObject parent, string name, JsonObject child)
    {
        parent.Remove(name);
        return child;
    }

    private sealed class BadPatchException(string message) : Exception(message);
}
