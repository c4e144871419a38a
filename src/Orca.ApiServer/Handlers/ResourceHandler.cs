using Microsoft.AspNetCore.Http;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

/// <summary>
/// Serves /api/v1/… and /apis/{group}/{version}/… resource requests: one partial file per verb.
/// Subresources with their own behaviour (status, binding, eviction, log, exec…) are looked up in
/// <see cref="SubresourceHandlers"/>.
/// </summary>
internal sealed partial class ResourceHandler(ApiCatalog catalog, SubresourceHandlers subresources, TimeProvider time, ObjectDecoder decoder)
{
    public async Task HandleAsync(HttpContext context, RequestInfo info)
    {
        var store = catalog.Find(info.Group, info.Version, info.Resource) ?? throw ApiErrors.NotFoundPath();
        var def = store.Definition;
        if (!def.Namespaced && info.Namespace.Length > 0 && !(def.Resource == "namespaces"))
            throw ApiErrors.NotFoundPath();
        var method = context.Request.Method;
        var ns = def.Namespaced ? info.Namespace : "";
        if (def.Resource == "namespaces" && info.Namespace.Length > 0 && info.Name.Length == 0)
            info = info with { Name = info.Namespace };

        if (info.Subresource.Length > 0)
        {
            var handler = subresources.Find(def, info.Subresource) ?? throw ApiErrors.NotFoundPath();
            await handler.HandleAsync(new SubresourceRequest(context, info, store, ns, this));
            return;
        }

        var ct = context.RequestAborted;
        var query = context.Request.Query;
        switch (method)
        {
            case "GET" when info.Name.Length > 0:
                await GetAsync(context, store, ns, info.Name, ct);
                break;
            case "GET" when IsTrue(query["watch"]):
                await WatchAsync(context, store, ns, "", ct);
                break;
            case "GET":
                await ListAsync(context, store, ns, ct);
                break;
            case "POST" when info.Name.Length == 0:
                await CreateAsync(context, store, ns, ct);
                break;
            case "PUT" when info.Name.Length > 0:
                await UpdateAsync(context, store, ns, info.Name, def.Strategy, ct);
                break;
            case "PATCH" when info.Name.Length > 0:
                await PatchAsync(context, store, ns, info.Name, def.Strategy, ct);
                break;
            case "DELETE" when info.Name.Length > 0:
                await DeleteAsync(context, store, ns, info.Name, ct);
                break;
            case "DELETE":
                await DeleteCollectionAsync(context, store, ns, ct);
                break;
            default:
                throw ApiErrors.MethodNotAllowed(method, context.Request.Path);
        }
    }

    internal static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count > 0 && (value[0] is "true" or "1" or "True");

    internal static WriteOptions WriteOptionsOf(HttpContext context)
    {
        var q = context.Request.Query;
        var dryRun = q["dryRun"];
        foreach (var d in dryRun)
        {
            if (d != "All") throw ApiErrors.BadRequest($"Invalid dry run value: \"{d}\": supported values: \"All\"");
        }
        return new WriteOptions(DryRun: dryRun.Count > 0, FieldManager: q["fieldManager"].FirstOrDefault());
    }
}
