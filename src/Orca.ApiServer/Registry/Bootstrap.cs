using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.ApiServer.Http;

namespace Orca.ApiServer.Registry;

/// <summary>
/// What exists from the first start: the namespaces default, kube-system, kube-public and
/// kube-node-lease, and a `default` ServiceAccount in every namespace. Idempotent.
/// </summary>
internal static class Bootstrap
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task EnsureAsync(ApiCatalog catalog, CancellationToken cancellationToken)
    {
        var namespaces = catalog.Get("", "v1", "namespaces");
        foreach (var name in SystemNamespaces)
        {
            if (await namespaces.TryGetAsync("", name, cancellationToken) is not null) continue;
            await IgnoreExistsAsync(namespaces.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = name } }, "", new WriteOptions(), cancellationToken));
        }
        var (items, _) = namespaces.Cache.Snapshot();
        foreach (var ns in items.Values.Where(n => n.Object.Metadata.DeletionTimestamp is null))
            await EnsureDefaultServiceAccountAsync(catalog, ns.Object.Metadata.Name!, cancellationToken);
    }

    public static async Task EnsureDefaultServiceAccountAsync(ApiCatalog catalog, string ns, CancellationToken cancellationToken)
    {
        var accounts = catalog.Get("", "v1", "serviceaccounts");
        if (await accounts.TryGetAsync(ns, "default", cancellationToken) is not null) return;
        await IgnoreExistsAsync(accounts.CreateAsync(new ServiceAccount { Metadata = new ObjectMeta { Name = "default", Namespace = ns } }, ns,
            new WriteOptions(), cancellationToken));
    }

    private static async Task IgnoreExistsAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (StatusException e) when (e.Code is 409 or 403 or 404)
        {
            // Exists already, or the namespace is going away: nothing to create.
        }
    }
}
