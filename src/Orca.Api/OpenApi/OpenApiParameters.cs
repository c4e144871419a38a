using System.Text.Json.Nodes;

namespace Orca.Api.OpenApi;

/// <summary>
/// The path and query parameters the operations declare. Every call returns fresh nodes (a JSON
/// node has one parent). Descriptions are Orca's own.
/// </summary>
internal static class OpenApiParameters
{
    public static JsonArray ItemPath(string kind, bool namespaced)
    {
        var list = new JsonArray(Path("name", $"Name of the {kind}."));
        if (namespaced)
            list.Add(Namespace());
        return list;
    }

    public static JsonArray CollectionPath(bool namespaced) => namespaced ? new JsonArray(Namespace()) : [];

    /// <summary>create and update: kubectl trusts server-side validation only when fieldValidation is declared.</summary>
    public static JsonArray Write() => [DryRun(), FieldManager(), FieldValidation()];

    public static JsonArray Patch() =>
    [
        DryRun(),
        FieldManager(),
        FieldValidation(),
        Query("force", "boolean", "Apply patches only: take ownership of fields other managers own instead of failing with a conflict."),
    ];

    public static JsonArray Delete() =>
    [
        DryRun(),
        Query("gracePeriodSeconds", "integer", "Seconds to wait before the object is removed; 0 removes it at once."),
        Query("propagationPolicy", "string", "What happens to dependents: Orphan, Background or Foreground."),
    ];

    public static JsonArray List() =>
    [
        Query("allowWatchBookmarks", "boolean", "Watch only: ask for BOOKMARK events that carry the latest resourceVersion."),
        Query("continue", "string", "The token a previous paged list returned, to fetch the next page."),
        Query("fieldSelector", "string", "Only objects whose fields match, e.g. metadata.name=web."),
        Query("labelSelector", "string", "Only objects whose labels match, e.g. app=web,tier!=db."),
        Query("limit", "integer", "At most this many objects per page; the rest is reached with continue."),
        Query("resourceVersion", "string", "The state to read from; its meaning depends on resourceVersionMatch."),
        Query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
        Query("sendInitialEvents", "boolean", "Watch only: start with ADDED events for the objects that exist."),
        Query("timeoutSeconds", "integer", "Ends a list or watch after this many seconds."),
        Query("watch", "boolean", "Stream changes (ADDED, MODIFIED, DELETED) instead of returning a list."),
    ];

    public static JsonArray DeleteCollection()
    {
        var all = List();
        foreach (var p in Delete())
            all.Add(p!.DeepClone());
        return all;
    }

    private static JsonObject DryRun() =>
        Query("dryRun", "string", "When set to All, the request is checked and answered but nothing is stored.");

    private static JsonObject FieldManager() =>
        Query("fieldManager", "string", "Name of the actor making the change, recorded in managedFields.");

    private static JsonObject FieldValidation() =>
        Query("fieldValidation", "string", "What to do with unknown or duplicate fields in the body: Ignore, Warn or Strict.");

    private static JsonObject Namespace() => Path("namespace", "The namespace of the objects.");

    private static JsonObject Path(string name, string description) => new()
    {
        ["description"] = description,
        ["in"] = "path",
        ["name"] = name,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["description"] = description,
        ["in"] = "query",
        ["name"] = name,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };
}
