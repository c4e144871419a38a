using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;
using Orca.ApiServer.Watch;
using Orca.Storage;

namespace Orca.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task ListAsync(HttpContext context, ResourceStore store, string ns, CancellationToken ct)
    {
        var negotiated = Negotiation.Parse(context.Request.Headers.Accept);
        var query = context.Request.Query;
        var filter = ListFilter.Parse(query, store.Definition);
        var limit = ParseLimit(query["limit"].FirstOrDefault());
        var continueToken = query["continue"].FirstOrDefault();
        var rvParam = query["resourceVersion"].FirstOrDefault();
        var rvMatch = query["resourceVersionMatch"].FirstOrDefault();

        var page = continueToken is { Length: > 0 }
            ? await ContinueFromStoreAsync(store, ns, filter, limit, continueToken, ct)
            : await ReadPageAsync(store, ns, filter, limit, rvParam, rvMatch, ct);

        if (negotiated.Shape == ResponseShape.Table)
        {
            var include = query["includeObject"].FirstOrDefault();
            await TableWriter.WriteAsync(context, store.Definition, page.Items, page.Revision.ToString(CultureInfo.InvariantCulture), page.Continue,
                time.GetUtcNow(), include, page.Remaining);
            return;
        }
        await WriteListAsync(context, store.Definition, page, negotiated);
    }

    internal sealed record Page(IReadOnlyList<CachedObject> Items, long Revision, string? Continue, long? Remaining);

    private static async Task<Page> ReadPageAsync(ResourceStore store, string ns, ListFilter filter, int limit, string? rv, string? rvMatch, CancellationToken ct)
    {
        if (rvMatch is { Length: > 0 } && rvMatch is not ("NotOlderThan" or "Exact"))
            throw ApiErrors.BadRequest($"resourceVersionMatch: Unsupported value: \"{rvMatch}\": supported values: \"Exact\", \"NotOlderThan\"");
        if (rvMatch is { Length: > 0 } && string.IsNullOrEmpty(rv))
            throw ApiErrors.BadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
        long requested = 0;
        if (!string.IsNullOrEmpty(rv) && !long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out requested))
            throw ApiErrors.BadRequest($"invalid resource version \"{rv}\"");
        if (rvMatch == "Exact")
        {
            if (requested == 0) throw ApiErrors.BadRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"");
            return await ReadFromStoreAsync(store, ns, filter, limit, requested, null, ct);
        }
        if (string.IsNullOrEmpty(rv)) await store.WaitFreshAsync(ct);
        else if (requested > 0) await WaitNotOlderThanAsync(store, requested, ct);
        else await store.Cache.Ready.WaitAsync(ct);

        var (items, revision) = store.Cache.Snapshot();
        var prefix = store.Definition.Prefix(ns);
        var result = new List<CachedObject>();
        string? lastKey = null;
        var more = false;
        foreach (var (key, obj) in items.Count == 0 ? [] : RangeFrom(items, prefix))
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) break;
            if (limit > 0 && result.Count >= limit)
            {
                more = true;
                break;
            }
            lastKey = key;
            if (filter.Matches(obj)) result.Add(obj);
        }
        return new Page(result, revision, more ? ContinueToken.Encode(revision, lastKey!) : null, null);
    }

    private static IEnumerable<KeyValuePair<string, CachedObject>> RangeFrom(
        System.Collections.Immutable.ImmutableSortedDictionary<string, CachedObject> items, string prefix)
    {
        // ImmutableSortedDictionary has no range seek; skipping keys before the prefix is cheap compared with serialization.
        foreach (var kv in items)
        {
            if (string.CompareOrdinal(kv.Key, prefix) < 0) continue;
            yield return kv;
        }
    }

    private static async Task WaitNotOlderThanAsync(ResourceStore store, long requested, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            while (requested > store.KeyValues.CurrentRevision) await Task.Delay(50, timeout.Token);
            await store.WaitNotOlderThanAsync(requested, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw ApiErrors.Make(504, "Timeout", $"Too large resource version: {requested}, current: {store.Cache.Revision}",
                new Orca.Api.Meta.StatusDetails { Causes = [new() { Type = "ResourceVersionTooLarge", Message = "Too large resource version" }], RetryAfterSeconds = 1 });
        }
    }

    private static Task<Page> ContinueFromStoreAsync(ResourceStore store, string ns, ListFilter filter, int limit, string token, CancellationToken ct)
    {
        if (!ContinueToken.TryDecode(token, out var revision, out var startAfter))
            throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        return ReadFromStoreAsync(store, ns, filter, limit, revision, startAfter, ct);
    }

    /// <summary>A page read from the store at a past revision (continue tokens, resourceVersionMatch=Exact).</summary>
    private static async Task<Page> ReadFromStoreAsync(ResourceStore store, string ns, ListFilter filter, int limit, long revision, string? startAfter,
        CancellationToken ct)
    {
        var prefix = store.Definition.Prefix(ns);
        var result = new List<CachedObject>();
        var after = startAfter;
        while (true)
        {
            ListResult chunk;
            try
            {
                chunk = await store.KeyValues.ListAsync(prefix, revision, after, limit > 0 ? limit - result.Count : 0, ct);
            }
            catch (CompactedException)
            {
                throw ApiErrors.Expired(startAfter is null
                    ? $"too old resource version: {revision}"
                    : "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
            catch (FutureRevisionException)
            {
                throw ApiErrors.Make(504, "Timeout", $"Too large resource version: {revision}, current: {store.KeyValues.CurrentRevision}");
            }
            foreach (var kv in chunk.Items)
            {
                after = kv.Key;
                var obj = store.Decode(kv, kv.ModRevision);
                if (filter.Matches(obj)) result.Add(obj);
            }
            if (!chunk.More || chunk.Items.Count == 0) return new Page(result, revision, chunk.More ? ContinueToken.Encode(revision, after!) : null, null);
            if (limit > 0 && result.Count >= limit) return new Page(result, revision, ContinueToken.Encode(revision, after!), null);
        }
    }

    private static int ParseLimit(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
            throw ApiErrors.BadRequest($"invalid limit \"{text}\"");
        return Math.Max(0, limit);
    }

    /// <summary>Writes a list; JSON is streamed to the client as it is written, YAML is converted from a buffer.</summary>
    private static async Task WriteListAsync(HttpContext context, ResourceDefinition def, Page page, Negotiated negotiated)
    {
        if (negotiated.Format == ResponseFormat.Json)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = Responses.JsonContentType;
            await using var streamed = new Utf8JsonWriter(context.Response.BodyWriter);
            await WriteListBodyAsync(streamed, def, page, negotiated, context.RequestAborted);
            return;
        }
        using var buffer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(buffer))
        {
            await WriteListBodyAsync(w, def, page, negotiated, context.RequestAborted);
        }
        await Responses.WriteJsonBytesAsync(context, 200, buffer.ToArray(), negotiated.Format);
    }

    private static async Task WriteListBodyAsync(Utf8JsonWriter w, ResourceDefinition def, Page page, Negotiated negotiated, CancellationToken ct)
    {
        {
            var metadataOnly = negotiated.Shape == ResponseShape.PartialObjectMetadata;
            w.WriteStartObject();
            w.WriteString("kind", metadataOnly ? "PartialObjectMetadataList" : def.ListKind);
            w.WriteString("apiVersion", metadataOnly ? "meta.k8s.io/v1" : def.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", page.Revision.ToString(CultureInfo.InvariantCulture));
            if (page.Continue is not null) w.WriteString("continue", page.Continue);
            if (page.Remaining is { } remaining) w.WriteNumber("remainingItemCount", remaining);
            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                if (metadataOnly) TableWriter.PartialMetadata(item).WriteTo(w);
                else w.WriteRawValue(item.Json, skipInputValidation: true);
                if (w.BytesPending > TableWriter.FlushThreshold) await w.FlushAsync(ct);
            }
            w.WriteEndArray();
            w.WriteEndObject();
            await w.FlushAsync(ct);
        }
    }
}
