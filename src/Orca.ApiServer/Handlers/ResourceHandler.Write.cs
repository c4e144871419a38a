using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task CreateAsync(HttpContext context, ResourceStore store, string ns, CancellationToken ct)
    {
        var obj = await ReadObjectAsync(context, store.Definition, ct);
        var created = await store.CreateAsync(obj, ns, WriteOptionsOf(context), ct);
        await Responses.WriteJsonBytesAsync(context, 201, created.Json);
    }

    /// <summary>PUT of the main resource or of a subresource whose strategy is <paramref name="strategy"/>.</summary>
    internal async Task UpdateAsync(HttpContext context, ResourceStore store, string ns, string name, IResourceStrategy strategy, CancellationToken ct)
    {
        var obj = await ReadObjectAsync(context, store.Definition, ct);
        var (result, created) = await store.UpdateAsync(ns, name, _ => (IKubeObject)ApiJson.CloneAs(obj, store.Definition.ObjectType), strategy, WriteOptionsOf(context),
            allowCreate: strategy.AllowCreateOnUpdate, ct);
        await Responses.WriteJsonBytesAsync(context, created ? 201 : 200, result.Json);
    }

    internal async Task<IKubeObject> ReadObjectAsync(HttpContext context, ResourceDefinition def, CancellationToken ct)
    {
        var media = RequestBody.MediaType(context);
        if (media is not ("" or "application/json" or "application/yaml" or "application/x-yaml" or "text/yaml" or "*/*"
            or Orca.Api.Protobuf.KubeProtobuf.ContentType))
            throw ApiErrors.UnsupportedMediaType(media);
        var body = await RequestBody.ReadBytesAsync(context, ct);
        var node = RequestBody.ParseDocument(body, media, out var isJson);
        return decoder.Decode(context, node, def, isJson ? body : null);
    }

    private async Task DeleteAsync(HttpContext context, ResourceStore store, string ns, string name, CancellationToken ct)
    {
        var options = await ReadDeleteOptionsAsync(context, ct);
        var (result, _) = await store.DeleteAsync(ns, name, options, WriteOptionsOf(context), ct);
        await Responses.WriteJsonBytesAsync(context, 200, result.Json);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceStore store, string ns, CancellationToken ct)
    {
        var options = await ReadDeleteOptionsAsync(context, ct);
        var filter = ListFilter.Parse(context.Request.Query, store.Definition);
        await store.WaitFreshAsync(ct);
        var (items, revision) = store.Cache.Snapshot();
        var prefix = store.Definition.Prefix(ns);
        var deleted = new List<Watch.CachedObject>();
        foreach (var (key, obj) in items)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !filter.Matches(obj)) continue;
            try
            {
                var (result, _) = await store.DeleteAsync(obj.Object.Metadata.Namespace ?? "", obj.Object.Metadata.Name!, options, WriteOptionsOf(context), ct);
                deleted.Add(result);
            }
            catch (StatusException e) when (e.Code == 404)
            {
                // Deleted by someone else meanwhile: nothing left to do.
            }
        }
        await WriteListAsync(context, store.Definition, new Page(deleted, revision, null, null), new Negotiated(ResponseShape.Object, ResponseFormat.Json));
    }

    internal static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context, CancellationToken ct)
    {
        var options = new DeleteOptions();
        var body = await RequestBody.ReadBytesAsync(context, ct);
        if (body.Length > 0)
        {
            var node = RequestBody.ParseDocument(body, RequestBody.MediaType(context));
            try
            {
                options = node.Deserialize(ApiJson.Info<DeleteOptions>()) ?? new DeleteOptions();
            }
            catch (JsonException e)
            {
                throw ApiErrors.BadRequest($"error decoding DeleteOptions: {RequestBody.Describe(e)}");
            }
        }
        var q = context.Request.Query;
        if (q["gracePeriodSeconds"].FirstOrDefault() is { } g)
        {
            if (!long.TryParse(g, out var grace)) throw ApiErrors.BadRequest($"invalid gracePeriodSeconds \"{g}\"");
            options.GracePeriodSeconds = grace;
        }
        if (q["propagationPolicy"].FirstOrDefault() is { } p) options.PropagationPolicy = p;
        if (q["orphanDependents"].FirstOrDefault() is { } o) options.OrphanDependents = o == "true";
        if (options.PropagationPolicy is { } policy && policy is not ("Orphan" or "Background" or "Foreground"))
            throw ApiErrors.Invalid("", "DeleteOptions", "", [MetaValidation.Cause(StatusReasons.CauseFieldValueNotSupported, "propagationPolicy",
                $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")]);
        if (options.GracePeriodSeconds is < 0) options.GracePeriodSeconds = 1;
        return options;
    }
}
