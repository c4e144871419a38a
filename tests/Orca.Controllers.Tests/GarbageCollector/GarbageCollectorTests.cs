using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using static Orca.Controllers.Tests.GarbageCollector.GcSupport;

namespace Orca.Controllers.Tests.GarbageCollector;

/// <summary>The garbage collector against a real API server: the three propagation policies and dangling references.</summary>
public sealed class GarbageCollectorTests
{
    [Fact]
    public async Task Background_deletion_removes_dependents_after_the_owner_is_gone()
    {
        await using var c = await ControllerCluster.StartAsync(["garbagecollector"]);
        var owner = await c.CreateConfigMapAsync("owner");
        await c.CreateConfigMapAsync("dep-a", RefTo(owner));
        await c.Pods.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = "dep-pod", Namespace = "default", OwnerReferences = [RefTo(owner)] },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
        });

        await c.DeleteAsync("owner", "Background");

        await c.GoneAsync("owner");
        await c.GoneAsync("dep-a");
        await ControllerCluster.EventuallyAsync(async () => (await c.PodsAsync()).Count == 0, "the dependent pod to be deleted");
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_without_the_reference()
    {
        await using var c = await ControllerCluster.StartAsync(["garbagecollector"]);
        var owner = await c.CreateConfigMapAsync("owner");
        var other = await c.CreateConfigMapAsync("other");
        await c.CreateConfigMapAsync("dep", RefTo(owner), RefTo(other));

        await c.DeleteAsync("owner", "Orphan");

        await c.GoneAsync("owner");
        var dep = await c.TryGetAsync("dep");
        Assert.NotNull(dep);
        Assert.Equal([other.Metadata.Uid], dep.Metadata.OwnerReferences!.Select(r => r.Uid));
    }

    [Fact]
    public async Task Foreground_deletion_waits_for_blocking_dependents_then_removes_the_owner()
    {
        await using var c = await ControllerCluster.StartAsync(["garbagecollector"]);
        var owner = await c.CreateConfigMapAsync("owner");
        var held = await c.ConfigMaps().CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "held", Namespace = "default", OwnerReferences = [RefTo(owner, block: true)], Finalizers = ["example.com/hold"] },
        });
        await c.CreateConfigMapAsync("loose", RefTo(owner));

        await c.DeleteAsync("owner", "Foreground");

        await ControllerCluster.EventuallyAsync(async () => (await c.TryGetAsync("held"))?.Metadata.DeletionTimestamp is not null, "the blocking dependent to be deleted");
        await c.GoneAsync("loose");
        var waiting = await c.TryGetAsync("owner");
        Assert.NotNull(waiting);
        Assert.NotNull(waiting.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", waiting.Metadata.Finalizers!);

        var latest = (await c.TryGetAsync("held"))!;
        await c.ConfigMaps().PatchAsync("default", "held", PatchType.Merge, "{\"metadata\":{\"finalizers\":null}}");
        await c.GoneAsync("held");
        await c.GoneAsync("owner");
        Assert.Equal(held.Metadata.Uid, latest.Metadata.Uid);
    }

    [Fact]
    public async Task Foreground_deletion_of_a_chain_deletes_the_grandchildren_first()
    {
        await using var c = await ControllerCluster.StartAsync(["garbagecollector"]);
        var top = await c.CreateConfigMapAsync("top");
        var middle = await c.CreateConfigMapAsync("middle", RefTo(top, block: true));
        await c.ConfigMaps().CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "leaf", Namespace = "default", OwnerReferences = [RefTo(middle, block: true)], Finalizers = ["example.com/hold"] },
        });

        await c.DeleteAsync("top", "Foreground");

        await ControllerCluster.EventuallyAsync(async () => (await c.TryGetAsync("leaf"))?.Metadata.DeletionTimestamp is not null, "the leaf to be deleted");
        var mid = await c.TryGetAsync("middle");
        Assert.NotNull(mid);
        Assert.Contains("foregroundDeletion", mid.Metadata.Finalizers!);
        Assert.NotNull(await c.TryGetAsync("top"));

        await c.ConfigMaps().PatchAsync("default", "leaf", PatchType.Merge, "{\"metadata\":{\"finalizers\":null}}");
        await c.GoneAsync("leaf");
        await c.GoneAsync("middle");
        await c.GoneAsync("top");
    }

    [Fact]
    public async Task A_dependent_whose_owner_never_existed_or_has_another_uid_is_collected()
    {
        await using var c = await ControllerCluster.StartAsync(["garbagecollector"]);
        var owner = await c.CreateConfigMapAsync("owner");
        await c.CreateConfigMapAsync("orphan-of-nobody", new OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "never", Uid = Guid.NewGuid().ToString() });
        await c.CreateConfigMapAsync("wrong-uid", RefTo(owner, uid: Guid.NewGuid().ToString()));
        await c.CreateConfigMapAsync("right-uid", RefTo(owner));

        await c.GoneAsync("orphan-of-nobody");
        await c.GoneAsync("wrong-uid");
        Assert.NotNull(await c.TryGetAsync("right-uid"));
        Assert.NotNull(await c.TryGetAsync("owner"));
    }

    [Fact]
    public async Task A_dependent_with_a_live_owner_only_loses_its_dangling_reference()
    {
        await using var c = await ControllerCluster.StartAsync(["garbagecollector"]);
        var owner = await c.CreateConfigMapAsync("owner");
        var gone = new OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "gone", Uid = Guid.NewGuid().ToString() };
        await c.CreateConfigMapAsync("dep", RefTo(owner), gone);

        await ControllerCluster.EventuallyAsync(async () => (await c.TryGetAsync("dep"))?.Metadata.OwnerReferences?.Count == 1, "the dangling reference to be dropped");
        Assert.Equal(owner.Metadata.Uid, (await c.TryGetAsync("dep"))!.Metadata.OwnerReferences![0].Uid);
    }
}
