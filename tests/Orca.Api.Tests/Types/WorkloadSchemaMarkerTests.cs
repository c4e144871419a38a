using System.Reflection;
using Orca.Api.Apps;
using Orca.Api.Batch;
using Orca.Api.Core;
using Orca.Api.Policy;
using Orca.Api.Storage;

namespace Orca.Api.Tests.Types;

/// <summary>The strategic-merge and list-type markers of the workload kinds, as their Kubernetes types declare them.</summary>
public sealed class WorkloadSchemaMarkerTests
{
    [Theory]
    [InlineData(typeof(DeploymentStatus), nameof(DeploymentStatus.Conditions), "type", "merge")]
    [InlineData(typeof(ReplicaSetStatus), nameof(ReplicaSetStatus.Conditions), "type", "merge")]
    [InlineData(typeof(StatefulSetStatus), nameof(StatefulSetStatus.Conditions), "type", "merge")]
    [InlineData(typeof(DaemonSetStatus), nameof(DaemonSetStatus.Conditions), "type", "merge")]
    [InlineData(typeof(JobStatus), nameof(JobStatus.Conditions), "type", "merge")]
    [InlineData(typeof(PodDisruptionBudgetStatus), nameof(PodDisruptionBudgetStatus.Conditions), "type", "merge")]
    [InlineData(typeof(ReplicationControllerStatus), nameof(ReplicationControllerStatus.Conditions), "type", "merge")]
    public void Condition_lists_merge_by_type(Type type, string property, string key, string strategy)
    {
        var p = type.GetProperty(property)!;
        Assert.Equal(key, p.GetCustomAttribute<PatchMergeKeyAttribute>()?.Key);
        Assert.Equal(strategy, p.GetCustomAttribute<PatchStrategyAttribute>()?.Strategy);
    }

    [Fact]
    public void Deployment_strategy_retains_keys_and_a_budget_selector_is_replaced()
    {
        Assert.Equal("retainKeys", typeof(DeploymentSpec).GetProperty(nameof(DeploymentSpec.Strategy))!.GetCustomAttribute<PatchStrategyAttribute>()?.Strategy);
        Assert.Equal("replace", typeof(PodDisruptionBudgetSpec).GetProperty(nameof(PodDisruptionBudgetSpec.Selector))!.GetCustomAttribute<PatchStrategyAttribute>()?.Strategy);
    }

    [Theory]
    [InlineData(typeof(StatefulSetSpec), nameof(StatefulSetSpec.VolumeClaimTemplates), "atomic")]
    [InlineData(typeof(JobStatus), nameof(JobStatus.Conditions), "atomic")]
    [InlineData(typeof(CronJobStatus), nameof(CronJobStatus.Active), "atomic")]
    [InlineData(typeof(UncountedTerminatedPods), nameof(UncountedTerminatedPods.Succeeded), "set")]
    [InlineData(typeof(PodFailurePolicyOnExitCodesRequirement), nameof(PodFailurePolicyOnExitCodesRequirement.Values), "set")]
    [InlineData(typeof(PersistentVolumeSpec), nameof(PersistentVolumeSpec.AccessModes), "atomic")]
    [InlineData(typeof(StorageClass), nameof(StorageClass.AllowedTopologies), "atomic")]
    [InlineData(typeof(DeploymentStatus), nameof(DeploymentStatus.Conditions), "map")]
    public void List_types_match_kubernetes(Type type, string property, string listType) =>
        Assert.Equal(listType, type.GetProperty(property)!.GetCustomAttribute<ListTypeAttribute>()?.Type);
}
