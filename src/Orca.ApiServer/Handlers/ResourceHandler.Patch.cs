using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Patch;
using Orca.Api.Schema;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicPatchType = "application/strategic-merge-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    /// <summary>
    /// PATCH with the four patch types kubectl sends. The patch is applied to the current object
    /// inside the store's read-modify-write loop, so a concurrent change re-applies it to the new
    /// state instead of losing either write. Server-side apply creates a missing object (201).
    /// </summary>
    internal async Task PatchAsync(HttpContext context, ResourceStore store, string ns, string name, IResourceStrategy strategy, CancellationToken ct)
    {
        var def = store.Definition;
        var patchType = RequestBody.MediaType(context);
        if (patchType is not (JsonPatchType or MergePatchType or StrategicPatchType or ApplyPatchType))
            throw ApiErrors.Make(415, Orca.Api.Meta.StatusReasons.UnsupportedMediaType,
                $"the body of the request was in an unknown format - accepted media types include: {JsonPatchType}, {MergePatchType}, {StrategicPatchType}, {ApplyPatchType}");
        var body = await RequestBody.ReadBytesAsync(context, ct);
        var patch = RequestBody.ParseDocument(body, patchType);
        var write = WriteOptionsOf(context);
        var force = IsTrue(context.Request.Query["force"]);
        if (patchType == ApplyPatchType && string.IsNullOrEmpty(write.FieldManager))
            throw ApiErrors.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        if (patchType != ApplyPatchType && context.Request.Query.ContainsKey("force"))
            throw ApiErrors.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
        var schema = SchemaRegistry.For(def.ObjectType);
        var directive = ObjectDecoder.FieldValidation(context);
        var warned = false;

        IKubeObject Transform(IKubeObject? current)
        {
            var currentNode = current is null ? null : JsonSerializer.SerializeToNode(current, ApiJson.Info(def.ObjectType));
            var result = patchType switch
            {
                JsonPatchType when patch is JsonArray ops => JsonPatch.Apply(currentNode, ops),
                JsonPatchType => PatchResult.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
                MergePatchType => JsonMergePatch.Apply(currentNode, patch),
                StrategicPatchType => StrategicMergePatch.Apply(currentNode, patch, schema),
                _ => ServerSideApply.Apply(currentNode, PrepareApplied(patch, def, name), schema, write.FieldManager!, force, time),
            };
            if (!result.Succeeded) throw PatchError(result, def, name);
            if (result.Value is not JsonObject patched)
                throw ApiErrors.Make(422, Orca.Api.Meta.StatusReasons.Invalid, "the patch did not produce an object");
            if (directive != "Ignore")
            {
                var unknown = UnknownFieldDetector.Prune(patched, schema);
                if (unknown.Count > 0 && directive == "Strict")
                    throw ApiErrors.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
                if (!warned)
                {
                    foreach (var u in unknown) ObjectDecoder.Warn(context, $"unknown field \"{u}\"");
                    warned = true;
                }
            }
            var obj = ObjectDecoder.DecodeTyped(patched, def);
            // The patched object carries the current resourceVersion; only one the patch names is a
            // precondition. Otherwise the store retries on a concurrent write (re-applying the patch).
            if (current is null || !NamesResourceVersion(patch)) obj.Metadata.ResourceVersion = null;
            return obj;
        }

        var (stored, created) = await store.UpdateAsync(ns, name, Transform, strategy, write,
            allowCreate: patchType == ApplyPatchType && strategy == def.Strategy, ct);
        await Responses.WriteJsonBytesAsync(context, created ? 201 : 200, stored.Json);
    }

    /// <summary>Whether a patch sets metadata.resourceVersion (a merge-style object, or a JSON patch operation on it).</summary>
    private static bool NamesResourceVersion(JsonNode patch) => patch switch
    {
        JsonObject obj => obj["metadata"] is JsonObject meta && meta.ContainsKey("resourceVersion"),
        JsonArray ops => ops.Any(op => op is JsonObject o && o["path"] is JsonValue p && p.TryGetValue<string>(out var path)
            && path == "/metadata/resourceVersion" && (string?)o["op"] != "test"),
        _ => false,
    };

    /// <summary>
    /// The applied configuration, checked and defaulted as a new object would be, so that list keys
    /// with defaults (a port's protocol) match the stored elements they name.
    /// </summary>
    private static JsonNode PrepareApplied(JsonNode patch, ResourceDefinition def, string name)
    {
        if (patch is not JsonObject obj) throw ApiErrors.BadRequest("apply patch must be an object");
        if (obj["kind"] is null || obj["apiVersion"] is null)
            throw ApiErrors.BadRequest("apply patches must specify apiVersion and kind");
        if (obj["kind"]?.GetValueKind() == JsonValueKind.String && (string?)obj["kind"] != def.Kind)
            throw ApiErrors.BadRequest($"apply patch kind {(string?)obj["kind"]} does not match the resource kind {def.Kind}");
        if (obj["metadata"] is JsonObject meta && meta["name"] is JsonValue n && (string?)n != name)
            throw ApiErrors.BadRequest($"the name of the object ({(string?)n}) does not match the name on the URL ({name})");
        var typed = ObjectDecoder.DecodeTyped(obj.DeepClone(), def);
        def.Strategy.Default(typed);
        var defaulted = JsonSerializer.SerializeToNode(typed, ApiJson.Info(def.ObjectType))!.AsObject();
        defaulted["metadata"] = obj["metadata"]?.DeepClone();
        defaulted.Remove("status");
        return defaulted;
    }

    internal static StatusException PatchError(PatchResult result, ResourceDefinition def, string name) => result.Failure switch
    {
        PatchFailure.Conflict => ApiErrors.Make(409, Orca.Api.Meta.StatusReasons.Conflict, result.Message,
            new Orca.Api.Meta.StatusDetails
            {
                Name = name,
                Kind = def.Resource,
                Group = def.Group.Length == 0 ? null : def.Group,
                Causes = result.Conflicts.Select(c => new Orca.Api.Meta.StatusCause
                {
                    Type = "FieldManagerConflict",
                    Message = $"conflict with {c.Manager}",
                    Field = c.Path,
                }).ToList(),
            }),
        PatchFailure.Unprocessable => ApiErrors.Make(422, Orca.Api.Meta.StatusReasons.Invalid, result.Message),
        _ => ApiErrors.BadRequest(result.Message),
    };
}
