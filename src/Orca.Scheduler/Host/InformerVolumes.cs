using System.Text.Json.Nodes;
using Orca.Api.Core;
using Orca.Api.Storage;
using Orca.Client;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Host;

/// <summary>Claims, volumes and classes from the scheduler's informers; the selected-node annotation as a merge patch.</summary>
internal sealed class InformerVolumes(Lister<PersistentVolumeClaim> claims, Lister<PersistentVolume> volumes, Lister<StorageClass> classes,
    ResourceClient<PersistentVolumeClaim> claimClient) : IVolumeSource
{
    public PersistentVolumeClaim? Claim(string ns, string name) => claims.Get(ns, name);

    public PersistentVolume? Volume(string name) => volumes.Get(null, name);

    public StorageClass? Class(string name) => classes.Get(null, name);

    public Task SelectNodeAsync(PersistentVolumeClaim claim, string nodeName, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [StorageNames.SelectedNode] = nodeName } },
        };
        return claimClient.PatchAsync(claim.Metadata.Namespace, claim.Metadata.Name!, PatchType.Merge, patch.ToJsonString(), ct: ct);
    }
}
