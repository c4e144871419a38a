using System.Reflection;
using Orca.Api.Core;

namespace Orca.Api.Tests.Types;

/// <summary>Spot checks of the strategic-merge and list-type markers that patching depends on.</summary>
public sealed class SchemaMarkerTests
{
    [Theory]
    [InlineData(typeof(PodSpec), nameof(PodSpec.Volumes), "name", "merge,retainKeys")]
    [InlineData(typeof(PodSpec), nameof(PodSpec.Containers), "name", "merge")]
    [InlineData(typeof(PodSpec), nameof(PodSpec.HostAliases), "ip", "merge")]
    [InlineData(typeof(PodSpec), nameof(PodSpec.ResourceClaims), "name", "merge,retainKeys")]
    [InlineData(typeof(Container), nameof(Container.Ports), "containerPort", "merge")]
    [InlineData(typeof(Container), nameof(Container.VolumeMounts), "mountPath", "merge")]
    [InlineData(typeof(Container), nameof(Container.VolumeDevices), "devicePath", "merge")]
    [InlineData(typeof(PodStatus), nameof(PodStatus.Conditions), "type", "merge")]
    [InlineData(typeof(NodeStatus), nameof(NodeStatus.Addresses), "type", "merge")]
    [InlineData(typeof(ServiceSpec), nameof(ServiceSpec.Ports), "port", "merge")]
    public void Merge_keys_match_kubernetes(Type type, string property, string key, string strategy)
    {
        var p = type.GetProperty(property)!;
        Assert.Equal(key, p.GetCustomAttribute<PatchMergeKeyAttribute>()?.Key);
        Assert.Equal(strategy, p.GetCustomAttribute<PatchStrategyAttribute>()?.Strategy);
    }

    [Theory]
    [InlineData(typeof(PodSpec), nameof(PodSpec.Tolerations), "atomic", "")]
    [InlineData(typeof(PodSpec), nameof(PodSpec.TopologySpreadConstraints), "map", "topologyKey,whenUnsatisfiable")]
    [InlineData(typeof(Container), nameof(Container.Ports), "map", "containerPort,protocol")]
    [InlineData(typeof(ServiceSpec), nameof(ServiceSpec.Ports), "map", "port,protocol")]
    [InlineData(typeof(NodeSpec), nameof(NodeSpec.PodCIDRs), "set", "")]
    [InlineData(typeof(PodStatus), nameof(PodStatus.HostIPs), "atomic", "")]
    public void List_types_match_kubernetes(Type type, string property, string listType, string keys)
    {
        var attr = type.GetProperty(property)!.GetCustomAttribute<ListTypeAttribute>();
        Assert.NotNull(attr);
        Assert.Equal(listType, attr.Type);
        Assert.Equal(keys, string.Join(',', attr.MapKeys));
    }

    [Fact]
    public void Tolerations_have_no_merge_key()
    {
        Assert.Null(typeof(PodSpec).GetProperty(nameof(PodSpec.Tolerations))!.GetCustomAttribute<PatchMergeKeyAttribute>());
    }
}
