using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Watch;

namespace Orca.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A watch: newline-delimited JSON events, flushed one by one, from the watch cache.
    /// resourceVersion unset or "0" starts with synthetic ADDED events for the current state;
    /// N resumes after N (410 Expired when N is older than the cache remembers). Objects moving
    /// into or out of the selectors are reported as ADDED / DELETED as Kubernetes does.
    /// </summary>
    private async Task WatchAsync(HttpContext context, ResourceStore store, string ns, string nameFromPath, CancellationToken ct)
    {
        var negotiated = Negotiation.Parse(context.Request.Headers.Accept);
        var query = context.Request.Query;
        var filter = ListFilter.Parse(query, store.Definition, nameFromPath);
        var rv = query["resourceVersion"].FirstOrDefault();
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var sendInitial = query["sendInitialEvents"].FirstOrDefault();
        var timeoutText = query["timeoutSeconds"].FirstOrDefault();
        long after = 0;
        if (!string.IsNullOrEmpty(rv) && !long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw ApiErrors.BadRequest($"invalid resource version \"{rv}\"");
        if (sendInitial is { Length: > 0 } && query["resourceVersionMatch"].FirstOrDefault() != "NotOlderThan")
            throw ApiErrors.BadRequest("sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan");
        var initial = sendInitial is { Length: > 0 } ? sendInitial == "true" : after == 0;

        await store.Cache.Ready.WaitAsync(ct);
        if (initial && after > 0) await WaitNotOlderThanAsync(store, after, ct);
        using var watcher = store.Cache.Watch(store.Definition.Prefix(ns), initial ? 0 : after, initial)
            ?? throw ApiErrors.Expired($"too old resource version: {after} ({store.Cache.Revision})");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (long.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));

        context.Response.StatusCode = 200;
        context.Response.ContentType = negotiated.Shape == ResponseShape.Table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(ct);
        // Send the headers now: a client's watch call returns only once it has them.
        await context.Response.Body.FlushAsync(ct);
        var stream = new WatchStream(context, store.Definition, negotiated, time, query["includeObject"].FirstOrDefault());
        var initialPending = initial ? watcher.Events.Count : 0;
        var lastRevision = watcher.InitialRevision;
        if (initial && initialPending == 0 && sendInitial == "true") await stream.WriteBookmarkAsync(lastRevision, initialEventsEnd: true, timeout.Token);
        try
        {
            while (!timeout.IsCancellationRequested)
            {
                var readTask = watcher.Events.WaitToReadAsync(timeout.Token).AsTask();
                if (bookmarks && !initial)
                {
                    var done = await Task.WhenAny(readTask, Task.Delay(BookmarkInterval, time, timeout.Token));
                    if (done != readTask)
                    {
                        await stream.WriteBookmarkAsync(lastRevision, false, timeout.Token);
                        continue;
                    }
                }
                if (!await readTask) break;
                while (watcher.Events.TryRead(out var e))
                {
                    await WriteFilteredAsync(stream, filter, e, timeout.Token);
                    lastRevision = Math.Max(lastRevision, e.Revision);
                    if (initialPending > 0 && --initialPending == 0)
                    {
                        if (sendInitial == "true") await stream.WriteBookmarkAsync(watcher.InitialRevision, initialEventsEnd: true, timeout.Token);
                        lastRevision = Math.Max(lastRevision, watcher.InitialRevision);
                        initial = false;
                    }
                }
                await stream.FlushAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds reached or the client went away: end the stream cleanly.
        }
    }

    private static Task WriteFilteredAsync(WatchStream stream, ListFilter filter, CacheEvent e, CancellationToken ct)
    {
        var nowMatches = filter.Matches(e.Object);
        var beforeMatched = e.Previous is not null && filter.Matches(e.Previous);
        string? type = e.Type switch
        {
            WatchEventType.Added => nowMatches ? "ADDED" : null,
            WatchEventType.Modified when nowMatches => beforeMatched ? "MODIFIED" : "ADDED",
            WatchEventType.Modified => beforeMatched ? "DELETED" : null,
            WatchEventType.Deleted => beforeMatched || (e.Previous is null && nowMatches) ? "DELETED" : null,
            _ => null,
        };
        return type is null ? Task.CompletedTask : stream.WriteEventAsync(type, e.Object, ct);
    }

    /// <summary>Encodes events for one watch response (plain objects or one-row Tables).</summary>
    private sealed class WatchStream(HttpContext context, ResourceDefinition def, Negotiated negotiated, TimeProvider time, string? includeObject)
    {
        private static readonly byte[] Suffix = "}\n"u8.ToArray();
        private bool _columnsSent;

        public async Task WriteEventAsync(string type, CachedObject obj, CancellationToken ct)
        {
            var body = context.Response.Body;
            await body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":"), ct);
            if (negotiated.Shape == ResponseShape.Table)
            {
                await body.WriteAsync(TableWriter.Build(def, [obj], obj.ModRevision.ToString(CultureInfo.InvariantCulture), null, time.GetUtcNow(),
                    includeObject, null, includeColumns: !_columnsSent), ct);
                _columnsSent = true;
            }
            else if (negotiated.Shape == ResponseShape.PartialObjectMetadata)
            {
                await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(TableWriter.PartialMetadata(obj), Orca.Api.Json.ApiJson.Info<System.Text.Json.Nodes.JsonObject>()), ct);
            }
            else
            {
                await body.WriteAsync(obj.Json, ct);
            }
            await body.WriteAsync(Suffix, ct);
        }

        public async Task WriteBookmarkAsync(long revision, bool initialEventsEnd, CancellationToken ct)
        {
            var annotations = initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "";
            var json = $"{{\"type\":\"BOOKMARK\",\"object\":{{\"kind\":\"{def.Kind}\",\"apiVersion\":\"{def.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision}\"{annotations}}}}}}}\n";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), ct);
            await FlushAsync(ct);
        }

        public Task FlushAsync(CancellationToken ct) => context.Response.Body.FlushAsync(ct);
    }
}
