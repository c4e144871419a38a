using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.ApiServer.Resources;
using Orca.ApiServer.Watch;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Empties terminating namespaces (the `kubernetes` finalizer's job): deletes every namespaced
/// object in a namespace being deleted, waits until they are gone, then removes the finalizer so
/// the namespace itself goes. While it waits, the namespace's status carries Kubernetes' deletion
/// conditions (NamespaceContentRemaining / NamespaceFinalizersRemaining say what is left and which
/// finalizers hold it). Level-triggered: each pass re-reads the caches; a namespace event or a
/// one-second tick starts a pass.
/// </summary>
internal sealed partial class NamespaceFinalizer(ApiCatalog catalog, TimeProvider time, ILogger logger)
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
            var remaining = await DeleteContentAsync(ns.Metadata.Name!, cancellationToken);
            await SetConditionsAsync(namespaces, ns, remaining, cancellationToken);
            if (remaining.Objects > 0) continue;
            await namespaces.UpdateAsync("", ns.Metadata.Name!, current =>
            {
                var updated = (Namespace)current!;
                updated.Spec.Finalizers?.Remove(Finalizer);
                return updated;
            }, NamespaceStrategy.Finalize, new WriteOptions(), allowCreate: false, cancellationToken);
        }
    }

    /// <summary>Asks every object of the namespace to go; returns what still exists.</summary>
    private async Task<NamespaceContent> DeleteContentAsync(string ns, CancellationToken cancellationToken)
    {
        var content = new NamespaceContent();
        foreach (var store in catalog.All.Where(s => s.Definition.Namespaced))
        {
            var (items, _) = store.Cache.Snapshot();
            var prefix = store.Definition.Prefix(ns);
            foreach (var (key, obj) in items)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                content.Add(store.Definition, obj.Object.Metadata.Finalizers);
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
        return content;
    }

    /// <summary>Writes the deletion conditions when they differ from the namespace's (a transition time only on a status change).</summary>
    private async Task SetConditionsAsync(ResourceStore namespaces, Namespace ns, NamespaceContent content, CancellationToken cancellationToken)
    {
        var wanted = content.Conditions();
        var current = ns.Status.Conditions ?? [];
        if (wanted.All(w => current.Any(c => c.Type == w.Type && c.Status == w.Status && c.Reason == w.Reason && c.Message == w.Message))) return;
        var now = time.GetUtcNow();
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        await namespaces.UpdateAsync("", ns.Metadata.Name!, obj =>
        {
            var updated = (Namespace)obj!;
            var conditions = updated.Status.Conditions ??= [];
            foreach (var w in wanted)
            {
                var existing = conditions.FirstOrDefault(c => c.Type == w.Type);
                if (existing is null) conditions.Add(w with { LastTransitionTime = now });
                else
                {
                    if (existing.Status != w.Status) existing.LastTransitionTime = now;
                    (existing.Status, existing.Reason, existing.Message) = (w.Status, w.Reason, w.Message);
                }
            }
            return updated;
        }, NamespaceStrategy.Status, new WriteOptions(), allowCreate: false, cancellationToken);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "namespace finalizer pass failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
