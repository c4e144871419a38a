using System.Text.Json.Nodes;
using Orca.Api.Json;
using Orca.Api.Schema;

namespace Orca.Api.Patch;

/// <summary>
/// Server-side apply (`application/apply-patch+yaml`), small but honest. The applied
/// configuration is merged into the live object (maps and objects field by field, lists with
/// list-map keys or a patch merge key element by key, scalar sets as unions, other lists
/// atomically); fields this manager applied before but no longer applies are removed unless
/// another manager also owns them; ownership is recorded per manager in `metadata.managedFields`
/// (operation "Apply", FieldsV1). A field owned by another manager whose value would change is a
/// conflict unless <c>force</c>, which moves the field to this manager.
/// Simplified: apiVersion, kind, status and server-set metadata are never owned; a null in the
/// applied configuration deletes the field without owning it; list order is the live order with
/// new elements appended; there is no version conversion and no "before-first-apply" ownership
/// of objects that were never applied or tracked. Inputs are not modified; thread-safe.
/// </summary>
public static class ServerSideApply
{
    public static PatchResult Apply(JsonNode? live, JsonNode applied, TypeSchema schema, string manager, bool force, TimeProvider? clock = null)
    {
        if (applied is not JsonObject appliedObject)
            return PatchResult.BadRequest("the applied configuration must be an object");
        var result = live is JsonObject l ? (JsonObject)l.DeepClone() : new JsonObject();
        var entries = ManagedFields.Read(result);
        var mine = entries.FindIndex(e => e.Manager == manager && e.Operation == "Apply" && e.Subresource is null);
        var previous = mine >= 0 ? entries[mine].Paths : [];
        var paths = FieldPaths.Collect(appliedObject, schema);

        var conflicts = FindConflicts(result, appliedObject, paths, entries, mine);
        if (conflicts.Count > 0 && !force)
            return Conflict(conflicts.Select(c => new ApplyConflict(entries[c.Entry].Describe(), FieldPaths.Display(c.Path))).ToList());
        foreach (var (entry, path) in conflicts)
            entries[entry].Paths.Remove(path);

        MergeObject(result, appliedObject, schema);
        RemoveDropped(result, previous, paths, entries, mine);

        var apiVersion = appliedObject["apiVersion"]?.GetValue<string>();
        var now = TimeConverter.Format((clock ?? TimeProvider.System).GetUtcNow());
        var updated = new ManagedFields.Entry(manager, "Apply", apiVersion, now, null, [.. paths]);
        if (mine >= 0)
            entries[mine] = updated;
        else
            entries.Add(updated);
        ManagedFields.Write(result, entries);
        return PatchResult.Ok(result);
    }

    private static List<(int Entry, string Path)> FindConflicts(JsonObject live, JsonObject applied, List<string> paths, List<ManagedFields.Entry> entries, int mine)
    {
        var conflicts = new List<(int, string)>();
        var order = Enumerable.Range(0, entries.Count).Where(i => i != mine).OrderBy(i => entries[i].Manager, StringComparer.Ordinal);
        foreach (var i in order)
        {
            foreach (var path in paths)
            {
                if (!entries[i].Paths.Contains(path) || path.EndsWith('.') || path.Contains($"{FieldPaths.Separator}v:", StringComparison.Ordinal))
                    continue;
                FieldPaths.TryGet(live, path, out var current);
                FieldPaths.TryGet(applied, path, out var wanted);
                if (!JsonNode.DeepEquals(current, wanted))
                    conflicts.Add((i, path));
            }
        }
        return conflicts;
    }

    private static PatchResult Conflict(List<ApplyConflict> conflicts)
    {
        string message;
        if (conflicts.Count == 1)
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager}: {conflicts[0].Path}";
        else
        {
            var lines = conflicts.GroupBy(c => c.Manager)
                .SelectMany(g => (string[])[$"conflicts with {g.Key}:", .. g.Select(c => $"- {c.Path}")]);
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }
        return new PatchResult { Failure = PatchFailure.Conflict, Message = message, Conflicts = conflicts };
    }

    /// <summary>Removes what this manager applied before and not now, unless someone else owns it.</summary>
    private static void RemoveDropped(JsonObject result, HashSet<string> previous, List<string> paths, List<ManagedFields.Entry> entries, int mine)
    {
        var now = paths.ToHashSet();
        var dropped = previous.Where(p => !now.Contains(p)).OrderBy(p => p.Length);
        foreach (var path in dropped)
        {
            var target = path.EndsWith($"{FieldPaths.Separator}.", StringComparison.Ordinal) ? path[..^2] : path;
            var ownedElsewhere = entries.Where((_, i) => i != mine)
                .Any(e => e.Paths.Any(p => p == target || p.StartsWith(target + FieldPaths.Separator, StringComparison.Ordinal)));
            var stillApplied = now.Any(p => p.StartsWith(target + FieldPaths.Separator, StringComparison.Ordinal));
            if (!ownedElsewhere && !stillApplied)
                FieldPaths.Remove(result, path);
        }
    }

    private static void MergeObject(JsonObject live, JsonObject applied, TypeSchema? schema)
    {
        foreach (var (name, value) in applied)
        {
            if (schema is null && name == "managedFields")
                continue;
            var field = schema switch
            {
                { Kind: SchemaKind.Object } => schema.Field(name),
                { Kind: SchemaKind.Map, Values: { } v } => new FieldSchema { JsonName = name, Schema = v },
                _ => null,
            };
            if (name == "managedFields" && schema?.Field("managedFields") is not null)
                continue;
            if (value is null)
                live.Remove(name);
            else if (value is JsonObject obj && live[name] is JsonObject current)
                MergeObject(current, obj, field?.Schema);
            else if (value is JsonArray list && live[name] is JsonArray currentList && field is not null)
                MergeList(currentList, list, field);
            else
                live[name] = value.DeepClone();
        }
    }

    private static void MergeList(JsonArray live, JsonArray applied, FieldSchema field)
    {
        if (field.ApplyKeys is { Count: > 0 } keys)
        {
            foreach (var element in applied.OfType<JsonObject>())
            {
                var key = FieldPaths.KeyElement(element, keys);
                var match = live.OfType<JsonObject>().FirstOrDefault(e => FieldPaths.KeyElement(e, keys) == key);
                if (match is null)
                    live.Add(element.DeepClone());
                else
                    MergeObject(match, element, field.Schema.Items);
            }
            return;
        }
        if (field.IsScalarSet)
        {
            foreach (var element in applied.Where(e => !live.Any(l => JsonNode.DeepEquals(l, e))))
                live.Add(element?.DeepClone());
            return;
        }
        var parent = (JsonObject)live.Parent!;
        parent[field.JsonName] = applied.DeepClone();
    }
}
