using System.Text.Json.Nodes;
using Orca.Api.Meta;

namespace Orca.Api.OpenApi;

/// <summary>
/// Writes the paths and operations of resources into one document's path table and registers
/// the schemas they refer to. Only verbs the resource declares are advertised; unknown verbs are
/// skipped. Not thread-safe; one instance per document being built.
/// </summary>
internal sealed class ResourcePaths(ComponentSchemas schemas, OpenApiSchemaNames names)
{
    private static readonly string[] PatchContentTypes =
    [
        "application/apply-patch+yaml",
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
    ];

    private readonly Dictionary<string, JsonObject> _paths = new(StringComparer.Ordinal);

    /// <summary>All path items in ordinal order of their paths.</summary>
    public JsonObject ToJson()
    {
        var result = new JsonObject();
        foreach (var path in _paths.Keys.Order(StringComparer.Ordinal))
            result[path] = _paths[path];
        return result;
    }

    public void Add(OpenApiResource r)
    {
        var verbs = Normalise(r.Verbs);
        var gvk = r.GroupVersionKind;
        schemas.Tag(r.ObjectType, gvk);
        schemas.Tag(r.ListType, gvk with { Kind = r.Kind + "List" });
        var prefix = r.Group.Length == 0 ? $"/api/{r.Version}" : $"/apis/{r.Group}/{r.Version}";
        var collection = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Resource}" : $"{prefix}/{r.Resource}";
        var item = collection + "/{name}";
        var tag = OperationNames.Tag(r.Group, r.Version);

        var collectionItem = PathItem(collection, OpenApiParameters.CollectionPath(r.Namespaced));
        if (verbs.Contains("list") || verbs.Contains("watch"))
        {
            collectionItem["get"] = List(r, gvk, tag, verbs.Contains("watch"), r.Namespaced, "");
            if (r.Namespaced)
                PathItem($"{prefix}/{r.Resource}", [])["get"] = List(r, gvk, tag, verbs.Contains("watch"), false, "ForAllNamespaces");
        }
        if (verbs.Contains("create"))
            collectionItem["post"] = Operation($"Creates a {r.Kind}.", OperationNames.Id("create", r, r.Namespaced), tag, "post", gvk,
                OpenApiParameters.Write(), JsonBody(r.ObjectType), Responses(r.ObjectType, "200", "201", "202"));
        if (verbs.Contains("deletecollection"))
            collectionItem["delete"] = Operation($"Deletes a collection of {r.Kind} objects.",
                OperationNames.Id("delete", r, r.Namespaced, collection: true),
                tag, "deletecollection", gvk, OpenApiParameters.DeleteCollection(), JsonBody(typeof(DeleteOptions)), Responses(typeof(Status), "200"));
        if (collectionItem.Count == 0 || (collectionItem.Count == 1 && collectionItem.ContainsKey("parameters")))
            _paths.Remove(collection);

        AddItem(r, gvk, tag, item, verbs);
        foreach (var sub in r.Subresources)
            AddSubresource(r, sub, tag, item);
    }

    private void AddItem(OpenApiResource r, OpenApiGroupVersionKind gvk, string tag, string item, HashSet<string> verbs)
    {
        var path = PathItem(item, OpenApiParameters.ItemPath(r.Kind, r.Namespaced));
        if (verbs.Contains("get"))
            path["get"] = Operation($"Reads one {r.Kind}.", OperationNames.Id("read", r, r.Namespaced), tag, "get", gvk,
                [], null, Responses(r.ObjectType, "200"));
        if (verbs.Contains("update"))
            path["put"] = Operation($"Replaces one {r.Kind}.", OperationNames.Id("replace", r, r.Namespaced), tag, "put", gvk,
                OpenApiParameters.Write(), JsonBody(r.ObjectType), Responses(r.ObjectType, "200", "201"));
        if (verbs.Contains("patch"))
            path["patch"] = Operation($"Partially updates one {r.Kind}.", OperationNames.Id("patch", r, r.Namespaced), tag, "patch", gvk,
                OpenApiParameters.Patch(), PatchBody(), Responses(r.ObjectType, "200", "201"));
        if (verbs.Contains("delete"))
            path["delete"] = Operation($"Deletes one {r.Kind}.", OperationNames.Id("delete", r, r.Namespaced), tag, "delete", gvk,
                OpenApiParameters.Delete(), JsonBody(typeof(DeleteOptions)), Responses(r.ObjectType, "200", "202"));
        if (path.Count == 1)
            _paths.Remove(item);
    }

    private void AddSubresource(OpenApiResource r, OpenApiSubresource sub, string tag, string item)
    {
        var type = sub.ObjectType ?? r.ObjectType;
        var gvk = SubresourceKind(r, sub);
        if (sub.ObjectType is not null)
            schemas.Tag(sub.ObjectType, gvk);
        var verbs = Normalise(sub.Verbs);
        var path = PathItem($"{item}/{sub.Name}", OpenApiParameters.ItemPath(r.Kind, r.Namespaced));
        var what = $"the {sub.Name} of one {r.Kind}";
        if (verbs.Contains("get"))
            path["get"] = Operation($"Reads {what}.", OperationNames.Id("read", r, r.Namespaced, sub.Name), tag, "get", gvk,
                [], null, Responses(type, "200"));
        if (verbs.Contains("update"))
            path["put"] = Operation($"Replaces {what}.", OperationNames.Id("replace", r, r.Namespaced, sub.Name), tag, "put", gvk,
                OpenApiParameters.Write(), JsonBody(type), Responses(type, "200", "201"));
        if (verbs.Contains("create"))
            path["post"] = Operation($"Creates {what}.", OperationNames.Id("create", r, r.Namespaced, sub.Name), tag, "post", gvk,
                OpenApiParameters.Write(), JsonBody(type), Responses(type, "200", "201", "202"));
        if (verbs.Contains("patch"))
            path["patch"] = Operation($"Partially updates {what}.", OperationNames.Id("patch", r, r.Namespaced, sub.Name), tag, "patch", gvk,
                OpenApiParameters.Patch(), PatchBody(), Responses(type, "200", "201"));
        if (path.Count == 1)
            _paths.Remove($"{item}/{sub.Name}");
    }

    private OpenApiGroupVersionKind SubresourceKind(OpenApiResource r, OpenApiSubresource sub)
    {
        if (sub.ObjectKind is { } explicitKind)
            return explicitKind;
        if (sub.ObjectType is not { } type)
            return r.GroupVersionKind;
        return names.PackageOf(type) is { } package
            ? new OpenApiGroupVersionKind(package.Group, package.Version, type.Name)
            : new OpenApiGroupVersionKind(r.Group, r.Version, type.Name);
    }

    private JsonObject List(OpenApiResource r, OpenApiGroupVersionKind gvk, string tag, bool watch, bool namespaced, string suffix)
    {
        var responses = Responses(r.ListType, "200");
        if (watch)
            responses["200"]!["content"]!.AsObject()["application/json;stream=watch"] = new JsonObject { ["schema"] = schemas.RefTo(r.ListType) };
        var description = suffix.Length == 0 ? $"Lists or watches {r.Kind} objects." : $"Lists or watches {r.Kind} objects of all namespaces.";
        return Operation(description, OperationNames.Id("list", r, namespaced, suffix: suffix), tag, "list", gvk,
            OpenApiParameters.List(), null, responses);
    }

    private JsonObject PathItem(string path, JsonArray parameters)
    {
        if (_paths.TryGetValue(path, out var existing))
            return existing;
        var item = new JsonObject();
        if (parameters.Count > 0)
            item["parameters"] = parameters;
        return _paths[path] = item;
    }

    private static JsonObject Operation(string description, string id, string tag, string action, OpenApiGroupVersionKind gvk,
        JsonArray parameters, JsonObject? body, JsonObject responses)
    {
        var op = new JsonObject { ["description"] = description, ["operationId"] = id };
        if (parameters.Count > 0)
            op["parameters"] = parameters;
        if (body is not null)
            op["requestBody"] = body;
        op["responses"] = responses;
        op["tags"] = new JsonArray(tag);
        op["x-kubernetes-action"] = action;
        op["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version };
        return op;
    }

    private JsonObject JsonBody(Type type) => new()
    {
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.RefTo(type) } },
        ["required"] = true,
    };

    private JsonObject PatchBody()
    {
        var content = new JsonObject();
        foreach (var contentType in PatchContentTypes)
            content[contentType] = new JsonObject { ["schema"] = schemas.PatchRef() };
        return new JsonObject { ["content"] = content, ["required"] = true };
    }

    private JsonObject Responses(Type type, params string[] codes)
    {
        var responses = new JsonObject();
        foreach (var code in codes)
        {
            responses[code] = new JsonObject
            {
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.RefTo(type) } },
                ["description"] = code switch { "201" => "Created", "202" => "Accepted", _ => "OK" },
            };
        }
        return responses;
    }

    private static HashSet<string> Normalise(IReadOnlyList<string> verbs) =>
        verbs.Select(v => v.ToLowerInvariant() switch { "post" => "create", "put" => "update", var x => x })
            .ToHashSet(StringComparer.Ordinal);
}
