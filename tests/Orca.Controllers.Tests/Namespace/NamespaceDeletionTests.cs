using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Client;
using Orca.Sim;

namespace Orca.Controllers.Tests.Namespace;

/// <summary>Deleting a namespace: Terminating, creates refused, content deleted (waiting on pods and finalizers), then gone.</summary>
public sealed class NamespaceDeletionTests
{
    [Fact]
    public async Task A_deleted_namespace_terminates_refuses_new_content_empties_itself_and_goes()
    {
        await using var c = await ControllerCluster.StartAsync([]);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 1 });
        var namespaces = c.Client.Resource<Api.Core.Namespace>();
        var configMaps = c.Client.Resource<ConfigMap>();
        await namespaces.CreateAsync(new Api.Core.Namespace { Metadata = new ObjectMeta { Name = "doomed" } });
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "plain", Namespace = "doomed" } });
        await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "held", Namespace = "doomed", Finalizers = ["example.com/hold"] } });
        await c.Pods.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "doomed" },
            Spec = new PodSpec { NodeName = sim.NodeNames[0], Containers = [new Container { Name = "c", Image = "busybox" }] },
        });
        await ControllerCluster.EventuallyAsync(async () => (await c.Pods.GetAsync("doomed", "web")).Status.Phase == "Running", "the pod to run");

        await namespaces.DeleteAsync(null, "doomed");

        var ns = await namespaces.GetAsync(null, "doomed");
        Assert.Equal("Terminating", ns.Status.Phase);
        var refused = await Assert.ThrowsAsync<ApiException>(() => configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "late", Namespace = "doomed" } }));
        Assert.Equal((403, "Forbidden"), (refused.Code, refused.Status.Reason));
        Assert.Equal("configmaps \"late\" is forbidden: unable to create new content in namespace doomed because it is being terminated", refused.Status.Message);
        Assert.Contains(refused.Status.Details!.Causes!, x => x.Type == "NamespaceTerminating" && x.Field == "metadata.namespace");

        await ControllerCluster.EventuallyAsync(async () =>
        {
            var conditions = (await namespaces.GetAsync(null, "doomed")).Status.Conditions ?? [];
            return conditions.Any(x => x.Type == "NamespaceFinalizersRemaining" && x.Status == "True"
                && x.Message == "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances")
                && conditions.Any(x => x.Type == "NamespaceContentRemaining" && x.Reason == "SomeResourcesRemain");
        }, "the remaining-content conditions");
        await ControllerCluster.EventuallyAsync(async () => (await configMaps.ListAsync("doomed")).Items.All(x => x.Metadata.Name == "held"), "the plain configmap to go");
        Assert.NotNull((await c.Pods.GetAsync("doomed", "web")).Metadata.DeletionTimestamp);

        await c.AdvanceAsync(TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(5));
        await ControllerCluster.EventuallyAsync(async () => (await c.PodsAsync("doomed")).Count == 0, "the pod to be gone after its grace period");
        Assert.NotNull(await namespaces.GetAsync(null, "doomed"));

        await configMaps.PatchAsync("doomed", "held", PatchType.Merge, "{\"metadata\":{\"finalizers\":null}}");
        await ControllerCluster.EventuallyAsync(async () =>
        {
            try
            {
                await namespaces.GetAsync(null, "doomed");
                return false;
            }
            catch (ApiException e) when (e.IsNotFound)
            {
                return true;
            }
        }, "the namespace to be gone");
    }
}
