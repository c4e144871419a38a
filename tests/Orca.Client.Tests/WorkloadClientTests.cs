using Orca.Api.Apps;
using Orca.Api.Core;
using Orca.Api.Meta;
using Orca.Api.Policy;
using Orca.Api.Scheduling;

namespace Orca.Client.Tests;

/// <summary>The typed client reaches the workload kinds: namespaced and cluster-scoped, main resource and /status.</summary>
public sealed class WorkloadClientTests
{
    private static Deployment Web() => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
                Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox:1" }] },
            },
        },
    };

    [Fact]
    public async Task Deployments_are_created_defaulted_and_their_status_written_apart()
    {
        await using var cluster = await TestCluster.StartAsync();
        var deployments = cluster.Client.Resource<Deployment>();
        var created = await deployments.CreateAsync(Web());
        Assert.Equal((1, "RollingUpdate"), (created.Spec.Replicas, created.Spec.Strategy!.Type));

        created.Status = new DeploymentStatus { ObservedGeneration = 1, Replicas = 1, ReadyReplicas = 1, AvailableReplicas = 1 };
        var withStatus = await deployments.UpdateStatusAsync(created);
        Assert.Equal((1, 1L), (withStatus.Status.ReadyReplicas, withStatus.Metadata.Generation));
        var listed = await deployments.ListAsync("default");
        Assert.Equal("web", Assert.Single(listed.Items).Metadata.Name);
    }

    [Fact]
    public async Task Cluster_scoped_priority_classes_and_namespaced_budgets()
    {
        await using var cluster = await TestCluster.StartAsync();
        var classes = await cluster.Client.Resource<PriorityClass>().ListAsync(null);
        Assert.Contains(classes.Items, c => c.Metadata.Name == PriorityClasses.SystemNodeCritical && c.Value == 2_000_001_000);
        var pdbs = cluster.Client.Resource<PodDisruptionBudget>();
        await pdbs.CreateAsync(new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = Orca.Api.IntOrString.FromInt(1) },
        });
        Assert.Equal(1, (await pdbs.GetAsync("default", "web")).Spec.MinAvailable!.Value.IntValue);
        Assert.Equal("policy/v1", KnownResources.Of<PodDisruptionBudget>().ApiVersion);
        Assert.False(KnownResources.Of<PriorityClass>().Namespaced);
        Assert.Equal("/apis/apps/v1/namespaces/default/deployments/web/scale", KnownResources.Of<Deployment>().Path("default", "web", "scale"));
    }
}
