using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.ApiServer.Resources;
using Orca.ApiServer.Watch;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Empties terminating namespaces (the `kubernetes` finalizer's job): deletes every namespaced
/// object in a namespace being deleted, waits until they are gone, then removes the finalizer so
/// the namespace itself goes. Level-triggered: each pass re-reads the caches; a namespace event
/// or a one-second tick starts a pass.
/// </summary>
internal sealed partial class NamespaceFinalizer(ApiCatalog catalog, ILogger logger)
{
    public const string Finalizer = "kubernetes";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var namespaces = catalog.Get("", "v1", "namespaces");
        using var watch = namespaces.Cache.Watch(namespaces.Definition.Prefix(""), 0, initialEvents: true)!;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SyncAllAsync(namespaces, cancellationToken);
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                tick.CancelAfter(Tick);
                try
                {
                    await watch.Events.WaitToReadAsync(tick.Token);
                    while (watch.Events.TryRead(out _)) { }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
        }
    }

    private async Task SyncAllAsync(ResourceStore namespaces, CancellationToken cancellationToken)
    {
        var (items, _) = namespaces.Cache.Snapshot();
        foreach (var cached in items.Values)
        {
            var ns = (Namespace)cached.Object;
            if (ns.Metadata.DeletionTimestamp is null || ns.Spec.Finalizers?.Contains(Finalizer) != true) continue;
            if (await DeleteContentAsync(ns.Metadata.Name!, cancellationToken) > 0) continue;
            await namespaces.UpdateAsync("", ns.Metadata.Name!, current =>
            {
                var updated = (Namespace)current!;
                updated.Spec.Finalizers?.Remove(Finalizer);
                return updated;
            }, NamespaceStrategy.Finalize, new WriteOptions(), allowCreate: false, cancellationToken);
        }
    }

    /// <summary>Asks every object of the namespace to go; returns how many still exist.</summary>
    private async Task<int> DeleteContentAsync(string ns, CancellationToken cancellationToken)
    {
        var remaining = 0;
        foreach (var store in catalog.All.Where(s => s.Definition.Namespaced))
        {
            var (items, _) = store.Cache.Snapshot();
            var prefix = store.Definition.Prefix(ns);
            foreach (var (key, obj) in items)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                remaining++;
                if (obj.Object.Metadata.DeletionTimestamp is not null) continue;
                try
                {
                    await store.DeleteAsync(ns, obj.Object.Metadata.Name!, new DeleteOptions { PropagationPolicy = "Background" }, new WriteOptions(), cancellationToken);
                }
                catch (Http.StatusException e) when (e.Code is 404 or 409)
                {
                }
            }
        }
        return remaining;
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "namespace finalizer pass failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
