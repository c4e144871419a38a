using System.Text.Json.Nodes;
using Orca.Api.Schema;

namespace Orca.Api.Patch;

public static partial class StrategicMergePatch
{
    /// <summary>
    /// Merges a patch list into the current list of a field. A `{"$patch": "replace"}` element
    /// replaces the whole list with the other elements; without strategy "merge" the patch list
    /// simply replaces the current one.
    /// </summary>
    private static JsonArray MergeList(JsonArray? current, JsonArray patch, FieldSchema? field)
    {
        var items = field?.Schema.Items;
        var itemSchema = items is { Kind: SchemaKind.Object or SchemaKind.Map } ? items : null;
        if (patch.Any(e => e is JsonObject o && DirectiveOf(o) == "replace"))
            return Clean(patch.Where(e => !(e is JsonObject o && DirectiveOf(o) == "replace")), itemSchema);
        if (field is null || !field.MergesLists)
            return Clean(patch, itemSchema);
        var result = current is null ? new JsonArray() : (JsonArray)current.DeepClone();
        if (field.PatchMergeKey is { } key && items?.Kind is SchemaKind.Object or SchemaKind.Map)
            MergeByKey(result, patch, key, itemSchema);
        else
            Union(result, patch);
        return result;
    }

    /// <summary>A patch list without directives, as it stands when nothing is there to merge with.</summary>
    private static JsonArray Clean(IEnumerable<JsonNode?> elements, TypeSchema? itemSchema)
    {
        var result = new JsonArray();
        foreach (var e in elements)
        {
            if (e is JsonObject o)
            {
                if (DirectiveOf(o) != "delete" && MergeObject(new JsonObject(), o, itemSchema) is { } clean)
                    result.Add(clean);
            }
            else
                result.Add(e?.DeepClone());
        }
        return result;
    }

    private static void MergeByKey(JsonArray result, JsonArray patch, string key, TypeSchema? itemSchema)
    {
        foreach (var element in patch)
        {
            if (element is not JsonObject patchElement)
                throw new BadPatchException($"invalid patch: element {element?.ToJsonString()} of a merged list is not an object");
            if (DirectiveOf(patchElement) == "merge" && patchElement.Count == 1)
                continue;
            if (!patchElement.TryGetPropertyValue(key, out var keyValue))
                throw new BadPatchException($"map: {patchElement.ToJsonString()} does not contain declared merge key: {key}");
            var index = IndexOfKey(result, key, keyValue);
            if (DirectiveOf(patchElement) == "delete")
            {
                while (index >= 0)
                {
                    result.RemoveAt(index);
                    index = IndexOfKey(result, key, keyValue);
                }
                continue;
            }
            if (index < 0)
            {
                if (MergeObject(new JsonObject(), patchElement, itemSchema) is { } added)
                    result.Add(added);
                continue;
            }
            var existing = (JsonObject)result[index]!;
            result[index] = null;
            if (MergeObject(existing, patchElement, itemSchema) is { } merged)
                result[index] = merged;
            else
                result.RemoveAt(index);
        }
    }

    private static int IndexOfKey(JsonArray list, string key, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && o.TryGetPropertyValue(key, out var v) && JsonNode.DeepEquals(v, keyValue))
                return i;
        }
        return -1;
    }

    private static void Union(JsonArray result, JsonArray patch)
    {
        foreach (var element in patch)
        {
            if (!result.Any(e => JsonNode.DeepEquals(e, element)))
                result.Add(element?.DeepClone());
        }
    }

    /// <summary>
    /// Reorders a merged list after `$setElementOrder/field`. Elements named in the order list take
    /// the positions such elements occupy, in the order given; elements the order list does not
    /// name (known only to the server) keep their positions. Names of missing elements are ignored.
    /// </summary>
    private static void SetElementOrder(JsonArray list, JsonArray order, string? key)
    {
        int Rank(JsonNode? element)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var matches = key is not null && order[i] is JsonObject o && element is JsonObject e
                    ? JsonNode.DeepEquals(o[key], e[key])
                    : JsonNode.DeepEquals(order[i], element);
                if (matches)
                    return i;
            }
            return -1;
        }
        var ranks = list.Select(Rank).ToList();
        var slots = Enumerable.Range(0, list.Count).Where(i => ranks[i] >= 0).ToList();
        var ordered = slots.OrderBy(i => ranks[i]).Select(i => list[i]).ToList();
        var elements = list.ToList();
        for (var s = 0; s < slots.Count; s++)
            elements[slots[s]] = ordered[s];
        list.Clear();
        foreach (var e in elements)
        {
            e?.Parent?.AsArray().Remove(e);
            list.Add(e);
        }
    }
}
