using Orca.Api;
using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Client;
using Orca.Sim;

namespace Orca.Controllers.Tests.Disruption;

/// <summary>PodDisruptionBudget status from the disruption controller, and the eviction subresource honouring it.</summary>
public sealed class DisruptionTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web" };

    [Fact]
    public async Task MinAvailable_budget_reports_its_status_and_refuses_the_eviction_that_would_break_it()
    {
        await using var c = await ControllerCluster.StartAsync(["disruption"]);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 1 });
        for (var i = 0; i < 3; i++) await RunPodAsync(c, $"web-{i}", sim.NodeNames[0]);
        await Budgets(c).CreateAsync(Budget("web-pdb", min: IntOrString.FromInt(2)));

        var status = await WaitStatusAsync(c, "web-pdb", s => s.CurrentHealthy == 3);
        Assert.Equal((3, 2, 1, 3, 1L), (status.CurrentHealthy, status.DesiredHealthy, status.DisruptionsAllowed, status.ExpectedPods, status.ObservedGeneration ?? 0));
        var allowed = Assert.Single(status.Conditions!);
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"), (allowed.Type, allowed.Status, allowed.Reason));

        await EvictAsync(c, "web-0");
        Assert.NotNull((await c.Pods.GetAsync("default", "web-0")).Metadata.DeletionTimestamp);
        status = await WaitStatusAsync(c, "web-pdb", s => s.CurrentHealthy == 2 && s.DisruptedPods is null);
        Assert.Equal(0, status.DisruptionsAllowed);
        Assert.Equal(("False", "InsufficientPods"), (status.Conditions![0].Status, status.Conditions[0].Reason));

        var refused = await Assert.ThrowsAsync<ApiException>(() => EvictAsync(c, "web-1"));
        Assert.Equal(429, refused.Code);
        Assert.Equal("TooManyRequests", refused.Status.Reason);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", refused.Status.Message);
        var cause = Assert.Single(refused.Status.Details!.Causes!);
        Assert.Equal(("DisruptionBudget", "The disruption budget web-pdb needs 2 healthy pods and has 2 currently"), (cause.Type, cause.Message));
        Assert.Null((await c.Pods.GetAsync("default", "web-1")).Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task An_allowed_eviction_spends_the_budget_at_once()
    {
        await using var c = await ControllerCluster.StartAsync(["disruption"]);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 1 });
        for (var i = 0; i < 3; i++) await RunPodAsync(c, $"web-{i}", sim.NodeNames[0], finalizer: true);
        await Budgets(c).CreateAsync(Budget("web-pdb", min: IntOrString.FromInt(1)));
        await WaitStatusAsync(c, "web-pdb", s => s.DisruptionsAllowed == 2);

        await EvictAsync(c, "web-0");

        var pdb = await Budgets(c).GetAsync("default", "web-pdb");
        Assert.Equal(1, pdb.Status.DisruptionsAllowed);
        Assert.True(pdb.Status.DisruptedPods!.ContainsKey("web-0"));
        foreach (var p in await c.PodsAsync())
            await c.Pods.PatchAsync("default", p.Metadata.Name!, PatchType.Merge, "{\"metadata\":{\"finalizers\":null}}");
    }

    [Fact]
    public async Task Concurrent_evictions_never_overspend_the_budget()
    {
        await using var c = await ControllerCluster.StartAsync(["disruption"]);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 1 });
        for (var i = 0; i < 4; i++) await RunPodAsync(c, $"web-{i}", sim.NodeNames[0]);
        await Budgets(c).CreateAsync(Budget("web-pdb", min: IntOrString.FromInt(2)));
        await WaitStatusAsync(c, "web-pdb", s => s.DisruptionsAllowed == 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            try
            {
                await EvictAsync(c, $"web-{i}");
                return 201;
            }
            catch (ApiException e)
            {
                return e.Code;
            }
        }));

        Assert.Equal([201, 201, 429, 429], results.Order());
    }

    [Fact]
    public async Task MaxUnavailable_percentage_counts_expected_pods_from_the_controllers_scale()
    {
        await using var c = await ControllerCluster.StartAsync(["disruption"]);
        var sim = await c.StartNodesAsync(new HollowOptions { Nodes = 1 });
        var rs = await c.Client.Resource<ReplicaSet>().CreateAsync(new ReplicaSet
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicaSetSpec
            {
                Replicas = 4,
                Selector = new LabelSelector { MatchLabels = Web },
                Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = Web }, Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] } },
            },
        });
        var owner = new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web", Uid = rs.Metadata.Uid!, Controller = true };
        for (var i = 0; i < 3; i++) await RunPodAsync(c, $"web-{i}", sim.NodeNames[0], owner: owner);
        await Budgets(c).CreateAsync(Budget("web-pdb", max: IntOrString.FromString("50%")));

        var status = await WaitStatusAsync(c, "web-pdb", s => s.ExpectedPods == 4);
        Assert.Equal((3, 2, 1), (status.CurrentHealthy, status.DesiredHealthy, status.DisruptionsAllowed));

        await RunPodAsync(c, "stray", sim.NodeNames[0]);
        status = await WaitStatusAsync(c, "web-pdb", s => s.Conditions?.FirstOrDefault()?.Reason == "SyncFailed");
        Assert.Equal(0, status.DisruptionsAllowed);
        Assert.Contains("stray", status.Conditions![0].Message);
    }

    internal static ResourceClient<PodDisruptionBudget> Budgets(ControllerCluster c) => c.Client.Resource<PodDisruptionBudget>();

    internal static PodDisruptionBudget Budget(string name, IntOrString? min = null, IntOrString? max = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodDisruptionBudgetSpec { MinAvailable = min, MaxUnavailable = max, Selector = new LabelSelector { MatchLabels = Web } },
    };

    internal static Task EvictAsync(ControllerCluster c, string pod) =>
        c.Pods.CreateSubresourceAsync("default", pod, "eviction", new Eviction
        {
            ApiVersion = "policy/v1", Kind = "Eviction", Metadata = new ObjectMeta { Name = pod, Namespace = "default" },
        });

    internal static async Task<PodDisruptionBudgetStatus> WaitStatusAsync(ControllerCluster c, string name, Func<PodDisruptionBudgetStatus, bool> done)
    {
        PodDisruptionBudgetStatus? last = null;
        await ControllerCluster.EventuallyAsync(async () => done(last = (await Budgets(c).GetAsync("default", name)).Status), $"budget {name} status");
        return last!;
    }

    /// <summary>A pod with the web labels bound to the node, waited on until Ready (a finalizer keeps it after deletion).</summary>
    internal static async Task RunPodAsync(ControllerCluster c, string name, string node, OwnerReference? owner = null, bool finalizer = false)
    {
        await c.Pods.CreateAsync(new Pod
        {
            Metadata = new ObjectMeta
            {
                Name = name, Namespace = "default", Labels = name == "stray" ? new() { ["app"] = "web" } : Web,
                OwnerReferences = owner is null ? null : [owner], Finalizers = finalizer ? ["example.com/keep"] : null,
            },
            Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "c", Image = "busybox" }] },
        });
        await ControllerCluster.EventuallyAsync(async () => (await c.Pods.GetAsync("default", name)).Status.Conditions?.Any(x => x.Type == "Ready" && x.Status == "True") == true, $"pod {name} Ready");
    }
}
