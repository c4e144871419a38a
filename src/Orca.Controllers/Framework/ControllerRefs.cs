using System.Text.Json.Nodes;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Client;

namespace Orca.Controllers.Framework;

/// <summary>
/// Controller references (ownerReferences with controller=true): who controls an object, and adopting
/// orphans / releasing objects that no longer match a selector, as Kubernetes' ControllerRefManager does.
/// </summary>
internal static class ControllerRefs
{
    /// <summary>The object's controller reference, if any.</summary>
    public static OwnerReference? ControllerOf(IKubeObject obj) =>
        obj.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>True when <paramref name="obj"/>'s controller is <paramref name="owner"/> (by UID).</summary>
    public static bool IsControlledBy(IKubeObject obj, IKubeObject owner) =>
        ControllerOf(obj)?.Uid is { } uid && uid == owner.Metadata.Uid;

    /// <summary>A controller reference to <paramref name="owner"/> (blockOwnerDeletion set, as controllers do).</summary>
    public static OwnerReference For(IKubeObject owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name!,
        Uid = owner.Metadata.Uid!,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>
    /// Sorts <paramref name="candidates"/> (objects of the owner's namespace) into the ones <paramref name="owner"/>
    /// controls: those it already controls and that still match stay; those it controls but that stopped
    /// matching are released; orphans that match are adopted — unless the owner or the object is being
    /// deleted. Adoption and release patch the object with a UID and resourceVersion precondition, so a stale
    /// cache yields a conflict (retried) rather than a wrong write. Returns the claimed objects.
    /// </summary>
    public static async Task<List<T>> ClaimAsync<T>(ResourceClient<T> client, IKubeObject owner, OwnerReference controllerRef,
        Func<T, bool> matches, IEnumerable<T> candidates, CancellationToken ct) where T : class, IKubeObject
    {
        var claimed = new List<T>();
        foreach (var obj in candidates)
        {
            var controller = ControllerOf(obj);
            if (controller is not null)
            {
                if (controller.Uid != owner.Metadata.Uid) continue;
                if (matches(obj) || owner.Metadata.DeletionTimestamp is not null)
                {
                    claimed.Add(obj);
                    continue;
                }
                if (obj.Metadata.DeletionTimestamp is null) await ReleaseAsync(client, obj, owner.Metadata.Uid!, ct);
                continue;
            }
            if (!matches(obj) || owner.Metadata.DeletionTimestamp is not null || obj.Metadata.DeletionTimestamp is not null) continue;
            try
            {
                claimed.Add(await AdoptAsync(client, obj, controllerRef, ct));
            }
            catch (ApiException e) when (e.IsNotFound)
            {
            }
        }
        return claimed;
    }

    /// <summary>Makes <paramref name="controllerRef"/> the object's controller (keeping its other owners).</summary>
    public static Task<T> AdoptAsync<T>(ResourceClient<T> client, T obj, OwnerReference controllerRef, CancellationToken ct)
        where T : class, IKubeObject
    {
        var refs = (obj.Metadata.OwnerReferences ?? []).Where(r => r.Uid != controllerRef.Uid).Append(controllerRef).ToList();
        return PatchOwnersAsync(client, obj, refs, ct);
    }

    /// <summary>Removes the owner with <paramref name="ownerUid"/> from the object's ownerReferences.</summary>
    public static async Task ReleaseAsync<T>(ResourceClient<T> client, T obj, string ownerUid, CancellationToken ct)
        where T : class, IKubeObject
    {
        var refs = (obj.Metadata.OwnerReferences ?? []).Where(r => r.Uid != ownerUid).ToList();
        try
        {
            await PatchOwnersAsync(client, obj, refs, ct);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
        }
    }

    private static Task<T> PatchOwnersAsync<T>(ResourceClient<T> client, T obj, List<OwnerReference> refs, CancellationToken ct)
        where T : class, IKubeObject
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["uid"] = obj.Metadata.Uid,
                ["resourceVersion"] = obj.Metadata.ResourceVersion,
                ["ownerReferences"] = refs.Count == 0 ? null : new JsonArray(refs.Select(r => JsonNode.Parse(ApiJson.SerializeToString(r))).ToArray()),
            },
        };
        return client.PatchAsync(obj.Metadata.Namespace, obj.Metadata.Name!, PatchType.Merge, patch.ToJsonString(), ct: ct);
    }
}
