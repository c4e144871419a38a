using System.Text.Json;
using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Autoscaling;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Api.Patch;
using Orca.Api.Schema;
using Orca.Api.Validation;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

/// <summary>How one kind maps onto autoscaling/v1 Scale: its desired and observed replicas and pod selector.</summary>
internal sealed record ScaleTarget(
    Func<IKubeObject, int> SpecReplicas,
    Action<IKubeObject, int> SetSpecReplicas,
    Func<IKubeObject, int> StatusReplicas,
    Func<IKubeObject, string> Selector)
{
    /// <summary>A label selector in the text form a Scale's status carries ("" when it selects everything).</summary>
    public static string SelectorText(LabelSelector? selector) =>
        Orca.Api.Selectors.LabelSelectorConverter.TryConvert(selector, out var expr, out _) ? expr.ToString() : "";
}

/// <summary>
/// {resource}/scale: GET answers the object as an autoscaling/v1 Scale; PUT (with or without a
/// Content-Type, as `kubectl scale --current-replicas` sends it) and PATCH (json, merge and
/// strategic merge on the Scale) change spec.replicas through the main resource's strategy, so
/// the generation moves as for any spec change. A resourceVersion in the Scale is a precondition.
/// </summary>
internal sealed class ScaleSubresource(ScaleTarget target) : ISubresourceHandler
{
    private static readonly TypeSchema ScaleSchema = SchemaRegistry.For<Scale>();

    public async Task HandleAsync(SubresourceRequest r)
    {
        var ct = r.Context.RequestAborted;
        var method = r.Context.Request.Method;
        if (method == "GET")
        {
            var current = await r.Store.GetAsync(r.Namespace, r.Info.Name, ct);
            await Responses.WriteAsync(r.Context, 200, ToScale(current.Object));
            return;
        }
        if (method is not ("PUT" or "PATCH")) throw ApiErrors.MethodNotAllowed(method, r.Context.Request.Path);
        var media = RequestBody.MediaType(r.Context);
        var body = RequestBody.ParseDocument(await RequestBody.ReadBytesAsync(r.Context, ct), media is "" ? "application/json" : media);
        var (stored, _) = await r.Store.UpdateAsync(r.Namespace, r.Info.Name, current =>
        {
            var scale = method == "PUT" ? Decode(body) : Patch(ToScale(current!), body, media, r.Store.Definition, r.Info.Name);
            if (!string.IsNullOrEmpty(scale.Metadata.Name) && scale.Metadata.Name != r.Info.Name)
                throw ApiErrors.BadRequest($"the name of the object ({scale.Metadata.Name}) does not match the name on the URL ({r.Info.Name})");
            if (scale.Spec.Replicas is < 0)
                throw ApiErrors.Invalid("autoscaling", "Scale", r.Info.Name,
                    [FieldError.Invalid(FieldPath.New("spec", "replicas"), scale.Spec.Replicas.Value, ObjectMetaValidator.IsNegativeErrorMsg)]);
            target.SetSpecReplicas(current!, scale.Spec.Replicas ?? 0);
            // A patch is applied to the latest object (and retried on conflict) unless the patch itself names a resourceVersion.
            var precondition = method == "PUT" ? scale.Metadata.ResourceVersion : PatchedResourceVersion(body);
            current!.Metadata.ResourceVersion = string.IsNullOrEmpty(precondition) ? null : precondition;
            return current;
        }, r.Store.Definition.Strategy, ResourceHandler.WriteOptionsOf(r.Context), allowCreate: false, ct);
        await Responses.WriteAsync(r.Context, 200, ToScale(stored.Object));
    }

    private static string? PatchedResourceVersion(JsonNode? body) =>
        body is JsonObject o && o["metadata"] is JsonObject meta && meta["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var rv) ? rv : null;

    /// <summary>The Scale view of an object: its identity, desired and observed replicas, selector.</summary>
    public Scale ToScale(IKubeObject obj) => new()
    {
        ApiVersion = "autoscaling/v1",
        Kind = "Scale",
        Metadata = new ObjectMeta
        {
            Name = obj.Metadata.Name,
            Namespace = obj.Metadata.Namespace,
            Uid = obj.Metadata.Uid,
            ResourceVersion = obj.Metadata.ResourceVersion,
            CreationTimestamp = obj.Metadata.CreationTimestamp,
        },
        Spec = new ScaleSpec { Replicas = target.SpecReplicas(obj) },
        Status = new ScaleStatus { Replicas = target.StatusReplicas(obj), Selector = target.Selector(obj) },
    };

    private static Scale Decode(JsonNode body)
    {
        try
        {
            return body.Deserialize(ApiJson.Info<Scale>()) ?? throw ApiErrors.BadRequest("empty Scale");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest($"Scale in version \"v1\" cannot be handled as a Scale: {RequestBody.Describe(e)}");
        }
    }

    private static Scale Patch(Scale current, JsonNode patch, string media, ResourceDefinition definition, string name)
    {
        var node = JsonSerializer.SerializeToNode(current, ApiJson.Info<Scale>());
        var result = media switch
        {
            ResourceHandler.JsonPatchType when patch is JsonArray ops => JsonPatch.Apply(node, ops),
            ResourceHandler.JsonPatchType => PatchResult.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
            ResourceHandler.MergePatchType => JsonMergePatch.Apply(node, patch),
            ResourceHandler.StrategicPatchType => StrategicMergePatch.Apply(node, patch, ScaleSchema),
            _ => throw ApiErrors.Make(415, StatusReasons.UnsupportedMediaType,
                $"the body of the request was in an unknown format - accepted media types include: {ResourceHandler.JsonPatchType}, {ResourceHandler.MergePatchType}, {ResourceHandler.StrategicPatchType}"),
        };
        if (!result.Succeeded) throw ResourceHandler.PatchError(result, definition, name);
        return Decode(result.Value!);
    }
}
