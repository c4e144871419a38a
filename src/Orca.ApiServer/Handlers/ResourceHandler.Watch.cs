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
        IWatchSink sink;
        System.Net.WebSockets.WebSocket? socket = null;
        if (context.WebSockets.IsWebSocketRequest)
        {
            socket = await context.WebSockets.AcceptWebSocketAsync();
            sink = new WebSocketSink(socket);
            _ = EndWhenClientClosesAsync(socket, timeout);
        }
        else
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = negotiated.Shape == ResponseShape.Table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
            context.Response.Headers.CacheControl = "no-cache, private";
            await context.Response.StartAsync(ct);
            // Send the headers now: a client's watch call returns only once it has them.
            await context.Response.Body.FlushAsync(ct);
            sink = new HttpSink(context);
        }
        var stream = new WatchStream(sink, store.Definition, negotiated, time, query["includeObject"].FirstOrDefault());
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
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The WebSocket client went away.
        }
        if (socket is { State: System.Net.WebSockets.WebSocketState.Open or System.Net.WebSockets.WebSocketState.CloseReceived })
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
            }
        }
    }

    /// <summary>Keeps a receive pending (so pings are answered) and ends the watch when the client closes.</summary>
    private static async Task EndWhenClientClosesAsync(System.Net.WebSockets.WebSocket socket, CancellationTokenSource watch)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == System.Net.WebSockets.WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, watch.Token);
                if (r.MessageType == System.Net.WebSockets.WebSocketMessageType.Close) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
        }
        try { await watch.CancelAsync(); } catch (ObjectDisposedException) { }
    }

    private static Task WriteFilteredAsync(WatchStream stream, ListFilter filter, CacheEvent e, CancellationToken ct)
    {
        var nowMatches = filter.Matches(e.Object);
        var beforeMatched = e.Previous is not null && filter.Matches(e.Previous);
        WatchEventType? type = e.Type switch
        {
            WatchEventType.Added => nowMatches ? WatchEventType.Added : null,
            WatchEventType.Modified when nowMatches => beforeMatched ? WatchEventType.Modified : WatchEventType.Added,
            WatchEventType.Modified => beforeMatched ? WatchEventType.Deleted : null,
            WatchEventType.Deleted => beforeMatched || (e.Previous is null && nowMatches) ? WatchEventType.Deleted : null,
            _ => null,
        };
        return type is { } t ? stream.WriteEventAsync(e, t, ct) : Task.CompletedTask;
    }

    /// <summary>
    /// Where a watch writes: a chunked HTTP body (one event per line) or a WebSocket (one event per
    /// text message). Frames end with a newline, which the WebSocket sink leaves out.
    /// </summary>
    private interface IWatchSink
    {
        ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken ct);
        Task FlushAsync(CancellationToken ct);
    }

    private sealed class HttpSink(HttpContext context) : IWatchSink
    {
        /// <summary>Copies into the response pipe; nothing is sent until the flush after a drained batch.</summary>
        public ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
        {
            System.Buffers.BuffersExtensions.Write(context.Response.BodyWriter, frame.Span);
            return ValueTask.CompletedTask;
        }

        public Task FlushAsync(CancellationToken ct) => context.Response.BodyWriter.FlushAsync(ct).AsTask();
    }

    private sealed class WebSocketSink(System.Net.WebSockets.WebSocket socket) : IWatchSink
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken ct) =>
            socket.SendAsync(frame[..^1], System.Net.WebSockets.WebSocketMessageType.Text, endOfMessage: true, ct);

        public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>Encodes events for one watch (shared plain frames, or one-row Tables built per watcher).</summary>
    private sealed class WatchStream(IWatchSink sink, ResourceDefinition def, Negotiated negotiated, TimeProvider time, string? includeObject)
    {
        private bool _columnsSent;

        public async Task WriteEventAsync(CacheEvent e, WatchEventType type, CancellationToken ct)
        {
            switch (negotiated.Shape)
            {
                case ResponseShape.Table:
                    var table = TableWriter.Build(def, [e.Object], e.Object.ModRevision.ToString(CultureInfo.InvariantCulture), null, time.GetUtcNow(),
                        includeObject, null, includeColumns: !_columnsSent);
                    _columnsSent = true;
                    await sink.WriteAsync(Wrap(type, table), ct);
                    break;
                case ResponseShape.PartialObjectMetadata:
                    var meta = JsonSerializer.SerializeToUtf8Bytes(TableWriter.PartialMetadata(e.Object), Orca.Api.Json.ApiJson.Info<System.Text.Json.Nodes.JsonObject>());
                    await sink.WriteAsync(Wrap(type, meta), ct);
                    break;
                default:
                    await sink.WriteAsync(e.Frame(type), ct);
                    break;
            }
        }

        private static byte[] Wrap(WatchEventType type, byte[] obj)
        {
            var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{CacheEvent.Name(type)}\",\"object\":");
            var frame = new byte[prefix.Length + obj.Length + 2];
            prefix.CopyTo(frame, 0);
            obj.CopyTo(frame, prefix.Length);
            frame[^2] = (byte)'}';
            frame[^1] = (byte)'\n';
            return frame;
        }

        public async Task WriteBookmarkAsync(long revision, bool initialEventsEnd, CancellationToken ct)
        {
            var annotations = initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "";
            var json = $"{{\"type\":\"BOOKMARK\",\"object\":{{\"kind\":\"{def.Kind}\",\"apiVersion\":\"{def.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision}\"{annotations}}}}}}}\n";
            await sink.WriteAsync(Encoding.UTF8.GetBytes(json), ct);
            await FlushAsync(ct);
        }

        public Task FlushAsync(CancellationToken ct) => sink.FlushAsync(ct);
    }
}
