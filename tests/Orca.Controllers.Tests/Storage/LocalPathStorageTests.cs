using Orca.Api;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Storage;
using Orca.Client;
using Orca.Controllers.Tests.StatefulSets;
using static Orca.Controllers.Tests.StatefulSets.StatefulSetSupport;

namespace Orca.Controllers.Tests.Storage;

/// <summary>volumeClaimTemplates, the local-path provisioner, the binder, VolumeBinding in the scheduler, and claim retention.</summary>
public sealed class LocalPathStorageTests
{
    private static ResourceClient<PersistentVolumeClaim> Claims(ControllerCluster c) => c.Client.Resource<PersistentVolumeClaim>();
    private static ResourceClient<PersistentVolume> Volumes(ControllerCluster c) => c.Client.Resource<PersistentVolume>();

    private static async Task<PersistentVolumeClaim?> ClaimAsync(ControllerCluster c, string name)
    {
        try
        {
            return await Claims(c).GetAsync("default", name);
        }
        catch (ApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task Each_pod_gets_its_own_claim_provisioned_on_its_node_and_bound()
    {
        await using var cluster = await StartAsync();
        await cluster.Sets().CreateAsync(NewSet("web", 2, claims: true));
        await WaitReadyAsync(cluster, "web", 2);

        foreach (var i in new[] { 0, 1 })
        {
            var pod = (await cluster.PodAsync($"web-{i}"))!;
            Assert.Equal($"www-web-{i}", pod.Spec.Volumes!.Single(v => v.Name == "www").PersistentVolumeClaim!.ClaimName);
            var claim = (await ClaimAsync(cluster, $"www-web-{i}"))!;
            Assert.Equal("Bound", claim.Status.Phase);
            Assert.Equal(StorageNames.LocalPathClass, claim.Spec.StorageClassName);
            Assert.Equal("yes", claim.Metadata.Annotations![StorageNames.BindCompleted]);
            Assert.Equal(pod.Spec.NodeName, claim.Metadata.Annotations[StorageNames.SelectedNode]);
            Assert.Equal("1Gi", claim.Status.Capacity!["storage"].ToString());
            Assert.Equal("web", claim.Metadata.Labels!["app"]);

            var volume = await Volumes(cluster).GetAsync(null, claim.Spec.VolumeName!);
            Assert.Equal("Bound", volume.Status.Phase);
            Assert.Equal(claim.Metadata.Uid, volume.Spec.ClaimRef!.Uid);
            Assert.Equal("Delete", volume.Spec.PersistentVolumeReclaimPolicy);
            Assert.StartsWith($"/hollow/{pod.Spec.NodeName}/local-path/pvc-{claim.Metadata.Uid}_default_www-web-{i}", volume.Spec.HostPath!.Path);
            Assert.Equal([pod.Spec.NodeName!], volume.Spec.NodeAffinity!.Required!.NodeSelectorTerms[0].MatchExpressions![0].Values!);
        }
        await WaitEventAsync(cluster, "SuccessfulCreate", "create Claim www-web-1 Pod web-1 in StatefulSet web success");
    }

    [Fact]
    public async Task A_recreated_pod_only_fits_the_node_of_its_bound_volume()
    {
        await using var cluster = await StartAsync();
        await cluster.Sets().CreateAsync(NewSet("web", 1, claims: true));
        await WaitReadyAsync(cluster, "web", 1);
        var old = (await cluster.PodAsync("web-0"))!;
        await cluster.Nodes.PatchAsync(null, old.Spec.NodeName!, PatchType.Merge, """{"spec":{"unschedulable":true}}""");

        await cluster.Pods.DeleteAsync("default", "web-0");
        await ControllerCluster.EventuallyAsync(async () => await cluster.PodAsync("web-0") is { } p && p.Metadata.Uid != old.Metadata.Uid
            && p.Status.Conditions?.Any(c => c is { Type: "PodScheduled", Status: "False" } && c.Message!.Contains("node(s) had volume node affinity conflict")) == true,
            "the new web-0 unschedulable: its volume's node is cordoned");

        await cluster.Nodes.PatchAsync(null, old.Spec.NodeName!, PatchType.Merge, """{"spec":{"unschedulable":false}}""");
        await ControllerCluster.EventuallyAsync(async () => await cluster.PodAsync("web-0") is { } p && p.Spec.NodeName == old.Spec.NodeName && IsReady(p),
            "web-0 back on its volume's node", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_pod_whose_claim_does_not_exist_is_unschedulable_with_Kubernetes_message()
    {
        await using var cluster = await StartAsync(nodes: 1);
        await cluster.Pods.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = "lonely", Namespace = "default" },
            Spec = new PodSpec
            {
                Containers = [new Container { Name = "c", Image = "busybox:1" }],
                Volumes = [new Volume { Name = "data", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "nope" } }],
            },
        });
        await ControllerCluster.EventuallyAsync(async () => (await cluster.PodAsync("lonely"))?.Status.Conditions?
            .Any(c => c is { Type: "PodScheduled", Status: "False" } && c.Message!.Contains("persistentvolumeclaim \"nope\" not found")) == true,
            "PodScheduled=False naming the missing claim");
    }

    [Fact]
    public async Task Retention_policy_Delete_makes_the_set_and_condemned_pods_owners_of_their_claims()
    {
        await using var cluster = await StartAsync();
        var set = NewSet("web", 2, claims: true);
        set.Spec.PersistentVolumeClaimRetentionPolicy = new Orca.Api.Apps.StatefulSetPersistentVolumeClaimRetentionPolicy { WhenDeleted = "Delete", WhenScaled = "Delete" };
        var created = await cluster.Sets().CreateAsync(set);
        await WaitReadyAsync(cluster, "web", 2);
        await ControllerCluster.EventuallyAsync(async () => (await ClaimAsync(cluster, "www-web-1"))?.Metadata.OwnerReferences?
            .Any(r => r.Kind == "StatefulSet" && r.Uid == created.Metadata.Uid) == true, "the set owns www-web-1");
        var web1 = (await cluster.PodAsync("web-1"))!;

        await cluster.Sets().PatchAsync("default", "web", PatchType.Merge, """{"spec":{"replicas":1}}""");
        await WaitReadyAsync(cluster, "web", 1);
        var claim = (await ClaimAsync(cluster, "www-web-1"))!;
        Assert.Contains(claim.Metadata.OwnerReferences!, r => r.Kind == "Pod" && r.Uid == web1.Metadata.Uid);
        Assert.DoesNotContain((await ClaimAsync(cluster, "www-web-0"))!.Metadata.OwnerReferences!, r => r.Kind == "Pod");
    }

    [Fact]
    public async Task Retain_policy_leaves_claims_without_owners()
    {
        await using var cluster = await StartAsync(nodes: 1);
        await cluster.Sets().CreateAsync(NewSet("web", 1, claims: true));
        await WaitReadyAsync(cluster, "web", 1);
        Assert.Null((await ClaimAsync(cluster, "www-web-0"))!.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task Deleting_a_claim_releases_its_local_path_volume_which_is_then_deleted()
    {
        await using var cluster = await StartAsync(nodes: 1);
        await cluster.Sets().CreateAsync(NewSet("web", 1, claims: true));
        await WaitReadyAsync(cluster, "web", 1);
        var volumeName = (await ClaimAsync(cluster, "www-web-0"))!.Spec.VolumeName!;

        await cluster.Sets().DeleteAsync("default", "web");
        await cluster.Pods.DeleteAsync("default", "web-0");
        await Claims(cluster).DeleteAsync("default", "www-web-0");
        await ControllerCluster.EventuallyAsync(async () =>
        {
            try
            {
                await Volumes(cluster).GetAsync(null, volumeName);
                return false;
            }
            catch (ApiException e) when (e.IsNotFound)
            {
                return true;
            }
        }, "the released volume deleted");
    }

    [Fact]
    public async Task A_static_volume_is_bound_to_a_fitting_claim_and_released_but_kept_when_the_claim_goes()
    {
        await using var cluster = await StartAsync(nodes: 0);
        await Volumes(cluster).CreateAsync(new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "manual-5g" },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new() { ["storage"] = Quantity.Parse("5Gi") },
                AccessModes = ["ReadWriteOnce"],
                StorageClassName = "manual",
                HostPath = new HostPathVolumeSource { Path = "/srv/manual" },
            },
        });
        await Claims(cluster).CreateAsync(new PersistentVolumeClaim
        {
            Metadata = new ObjectMeta { Name = "data", Namespace = "default" },
            Spec = new PersistentVolumeClaimSpec
            {
                StorageClassName = "manual",
                AccessModes = ["ReadWriteOnce"],
                Resources = new VolumeResourceRequirements { Requests = new() { ["storage"] = Quantity.Parse("1Gi") } },
            },
        });
        await ControllerCluster.EventuallyAsync(async () => await ClaimAsync(cluster, "data") is { Status.Phase: "Bound", Spec.VolumeName: "manual-5g" },
            "data bound to manual-5g");
        Assert.Equal("5Gi", (await ClaimAsync(cluster, "data"))!.Status.Capacity!["storage"].ToString());

        await Claims(cluster).DeleteAsync("default", "data");
        await ControllerCluster.EventuallyAsync(async () => (await Volumes(cluster).GetAsync(null, "manual-5g")).Status.Phase == "Released",
            "manual-5g Released (reclaim policy Retain keeps it)");
    }
}
