using System.Text.Json.Nodes;

namespace Orca.Api.Patch;

/// <summary>
/// Reading and writing `metadata.managedFields` of an object as JSON, with each entry's owned
/// field paths (see <see cref="FieldPaths"/>). Stateless and thread-safe; callers own the nodes.
/// </summary>
public static class ManagedFields
{
    internal sealed record Entry(string Manager, string Operation, string? ApiVersion, string? Time, string? Subresource, HashSet<string> Paths)
    {
        /// <summary>The manager as Kubernetes names it in a conflict: `"kubectl" using v1 at 2026-…Z` for updates.</summary>
        public string Describe()
        {
            var name = $"\"{Manager}\"" + (Subresource is null ? "" : $" with subresource \"{Subresource}\"");
            if (Operation != "Update")
                return name;
            return Time is null ? $"{name} using {ApiVersion}" : $"{name} using {ApiVersion} at {Time}";
        }
    }

    internal static List<Entry> Read(JsonObject obj)
    {
        var entries = new List<Entry>();
        if (obj["metadata"]?["managedFields"] is not JsonArray list)
            return entries;
        foreach (var item in list.OfType<JsonObject>())
        {
            entries.Add(new Entry(
                Text(item, "manager") ?? "", Text(item, "operation") ?? "", Text(item, "apiVersion"), Text(item, "time"),
                Text(item, "subresource"), [.. FieldPaths.FromFieldsV1(item["fieldsV1"] as JsonObject)]));
        }
        return entries;
    }

    internal static void Write(JsonObject obj, List<Entry> entries)
    {
        var list = new JsonArray();
        foreach (var e in entries.Where(e => e.Paths.Count > 0))
        {
            var item = new JsonObject { ["manager"] = e.Manager, ["operation"] = e.Operation };
            if (e.ApiVersion is not null)
                item["apiVersion"] = e.ApiVersion;
            if (e.Time is not null)
                item["time"] = e.Time;
            item["fieldsType"] = "FieldsV1";
            item["fieldsV1"] = FieldPaths.ToFieldsV1(e.Paths.Order(StringComparer.Ordinal));
            if (e.Subresource is not null)
                item["subresource"] = e.Subresource;
            list.Add(item);
        }
        if (obj["metadata"] is not JsonObject meta)
            obj["metadata"] = meta = new JsonObject();
        if (list.Count == 0)
            meta.Remove("managedFields");
        else
            meta["managedFields"] = list;
    }

    private static string? Text(JsonObject item, string name) =>
        item[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
