using Microsoft.Extensions.Logging;
using Orca.ApiServer.Watch;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Keeps a `default` ServiceAccount in every namespace (the job of Kubernetes' serviceaccounts
/// controller): follows namespace and serviceaccount changes in the watch caches and creates the
/// account when a namespace appears or its default account is deleted. Level-triggered: each
/// event only names a namespace to look at again.
/// </summary>
internal sealed partial class DefaultServiceAccounts(ApiCatalog catalog, string caPem, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var namespaces = catalog.Get("", "v1", "namespaces");
        var accounts = catalog.Get("", "v1", "serviceaccounts");
        using var nsWatch = namespaces.Cache.Watch(namespaces.Definition.Prefix(""), 0, initialEvents: true)!;
        using var saWatch = accounts.Cache.Watch(accounts.Definition.Prefix(""), accounts.Cache.Revision, initialEvents: false)!;
        var a = PumpAsync(nsWatch, e => e.Type != WatchEventType.Deleted && e.Object.Object.Metadata.DeletionTimestamp is null ? e.Object.Object.Metadata.Name : null, cancellationToken);
        var b = PumpAsync(saWatch, e => e.Type == WatchEventType.Deleted && e.Object.Object.Metadata.Name == "default" ? e.Object.Object.Metadata.Namespace : null, cancellationToken);
        await Task.WhenAll(a, b);
    }

    private async Task PumpAsync(WatchCache.Watcher watcher, Func<CacheEvent, string?> namespaceOf, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in watcher.Events.ReadAllAsync(cancellationToken))
            {
                if (namespaceOf(e) is not { } ns) continue;
                try
                {
                    var namespaces = catalog.Get("", "v1", "namespaces");
                    var current = await namespaces.TryGetAsync("", ns, cancellationToken);
                    if (current is null || current.Object.Metadata.DeletionTimestamp is not null) continue;
                    await Bootstrap.EnsureNamespaceDefaultsAsync(catalog, ns, caPem, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ns, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "default service account for namespace {Namespace} not created")]
    private static partial void LogFailed(ILogger logger, string @namespace, Exception ex);
}
