using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;
using Orca.Client;
using Set = Orca.Api.Apps.StatefulSet;

namespace Orca.Controllers.StatefulSets;

internal sealed partial class StatefulSetController
{
    /// <summary>
    /// Creates the missing claims of <paramref name="ordinal"/> (event SuccessfulCreate "create Claim … success").
    /// False when a claim is being deleted: the pod must wait for it to go and be made anew.
    /// </summary>
    private async Task<bool> EnsureClaimsAsync(Set set, int ordinal, CancellationToken ct)
    {
        var ready = true;
        foreach (var claim in StatefulPods.Claims(set, ordinal))
        {
            var existing = _claims.Get(claim.Metadata.Namespace, claim.Metadata.Name!);
            if (existing is not null)
            {
                if (existing.Metadata.DeletionTimestamp is not null) ready = false;
                continue;
            }
            var podName = StatefulPods.PodName(set, ordinal);
            try
            {
                await _claimClient.CreateAsync(claim, ct);
                _recorder.Event(set, "Normal", "SuccessfulCreate", $"create Claim {claim.Metadata.Name} Pod {podName} in StatefulSet {set.Metadata.Name} success");
            }
            catch (ApiException e) when (e.IsAlreadyExists)
            {
            }
            catch (ApiException e)
            {
                _recorder.Event(set, "Warning", "FailedCreate", $"create Claim {claim.Metadata.Name} for Pod {podName} in StatefulSet {set.Metadata.Name} failed error: {e.Message}");
                throw;
            }
        }
        return ready;
    }

    /// <summary>
    /// The retention policy as owner references on the pod's claims: whenDeleted=Delete makes the set an owner
    /// (the garbage collector deletes the claims with the set); whenScaled=Delete makes a condemned pod an
    /// owner (its claims go with it on scale-down), and a pod back in range loses that reference. References
    /// the policy no longer asks for are removed. A claim the controller did not make is left alone.
    /// </summary>
    private async Task SetClaimOwnersAsync(Set set, Pod pod, int ordinal, bool condemned, CancellationToken ct)
    {
        if (set.Spec.VolumeClaimTemplates is not { Count: > 0 }) return;
        var policy = set.Spec.PersistentVolumeClaimRetentionPolicy;
        var setOwns = policy?.WhenDeleted == "Delete";
        var podOwns = condemned && policy?.WhenScaled == "Delete";
        foreach (var wanted in StatefulPods.Claims(set, ordinal))
        {
            if (_claims.Get(wanted.Metadata.Namespace, wanted.Metadata.Name!) is not { } claim || claim.Metadata.DeletionTimestamp is not null) continue;
            var refs = claim.Metadata.OwnerReferences ?? [];
            var next = refs.Where(r => r.Uid != set.Metadata.Uid && !(r.Kind == "Pod" && r.Name == pod.Metadata.Name)).ToList();
            if (setOwns) next.Add(OwnerOf(set, "apps/v1", "StatefulSet"));
            if (podOwns) next.Add(OwnerOf(pod, "v1", "Pod"));
            if (SameOwners(refs, next)) continue;
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = claim.Metadata.ResourceVersion,
                    ["ownerReferences"] = new JsonArray(next.Select(r => JsonNode.Parse(ApiJson.SerializeToString(r))).ToArray()),
                },
            };
            try
            {
                await _claimClient.PatchAsync(claim.Metadata.Namespace, claim.Metadata.Name!, PatchType.Merge, patch.ToJsonString(), ct: ct);
            }
            catch (ApiException e) when (e.IsNotFound)
            {
            }
        }
    }

    private static OwnerReference OwnerOf(Orca.Api.IKubeObject owner, string apiVersion, string kind) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Metadata.Name!,
        Uid = owner.Metadata.Uid!,
    };

    private static bool SameOwners(List<OwnerReference> a, List<OwnerReference> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => y.Uid == x.Uid));
}
