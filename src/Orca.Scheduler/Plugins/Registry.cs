using System.Text.Json;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;
using Orca.Scheduler.Plugins.DefaultPreemption;
using Orca.Scheduler.Plugins.InterPodAffinity;
using Orca.Scheduler.Plugins.NodeResources;
using Orca.Scheduler.Plugins.PodTopologySpread;

namespace Orca.Scheduler.Plugins;

/// <summary>Builds a plugin for a profile from its (optional) pluginConfig args. Invalid args throw ArgumentException.</summary>
internal delegate IPlugin PluginFactory(JsonElement? args, FrameworkHandle handle);

/// <summary>
/// Every plugin Orca knows, by the name configuration files use. Explicit on purpose: adding a plugin
/// means adding a line here, nothing is discovered by reflection.
/// </summary>
internal static class Registry
{
    public static IReadOnlyDictionary<string, PluginFactory> InTree { get; } = new Dictionary<string, PluginFactory>(StringComparer.Ordinal)
    {
        [Names.PrioritySort] = (_, _) => new PrioritySort(),
        [Names.SchedulingGates] = (_, _) => new SchedulingGates(),
        [Names.NodeName] = (_, _) => new NodeName(),
        [Names.NodeUnschedulable] = (_, _) => new NodeUnschedulable(),
        [Names.TaintToleration] = (_, _) => new TaintToleration(),
        [Names.NodeAffinity] = (a, _) => new NodeAffinity(ArgsValidation.Validate(Args<NodeAffinityArgs>(a))),
        [Names.NodePorts] = (_, _) => new NodePorts(),
        [Names.NodeResourcesFit] = (a, _) => new Fit(ArgsValidation.Validate(Args<NodeResourcesFitArgs>(a))),
        [Names.NodeResourcesBalancedAllocation] = (a, _) => new BalancedAllocation(ArgsValidation.Validate(Args<NodeResourcesBalancedAllocationArgs>(a))),
        [Names.InterPodAffinity] = (a, h) => new InterPodAffinityPlugin(ArgsValidation.Validate(Args<InterPodAffinityArgs>(a)), h),
        [Names.PodTopologySpread] = (a, h) => new PodTopologySpreadPlugin(ArgsValidation.Validate(Args<PodTopologySpreadArgs>(a)), h),
        [Names.ImageLocality] = (_, h) => new ImageLocality(h),
        [Names.DefaultPreemption] = (a, h) => new DefaultPreemptionPlugin(ArgsValidation.Validate(Args<DefaultPreemptionArgs>(a)), h),
        [Names.DefaultBinder] = (_, h) => new DefaultBinder(h),
        [VolumeBinding.PluginName] = (_, h) => new VolumeBinding(h, h.Volumes),
    };

    /// <summary>
    /// The default plugins, all enabled through multiPoint, in Kubernetes' order (which is also the
    /// order filters run in, so it decides which reason a node reports first), with their score weights.
    /// </summary>
    public static IReadOnlyList<PluginRef> DefaultMultiPoint { get; } =
    [
        new() { Name = Names.SchedulingGates },
        new() { Name = Names.PrioritySort },
        new() { Name = Names.NodeUnschedulable },
        new() { Name = Names.NodeName },
        new() { Name = Names.TaintToleration, Weight = 3 },
        new() { Name = Names.NodeAffinity, Weight = 2 },
        new() { Name = Names.NodePorts },
        new() { Name = Names.NodeResourcesFit, Weight = 1 },
        new() { Name = VolumeBinding.PluginName },
        new() { Name = Names.PodTopologySpread, Weight = 2 },
        new() { Name = Names.InterPodAffinity, Weight = 2 },
        new() { Name = Names.DefaultPreemption },
        new() { Name = Names.NodeResourcesBalancedAllocation, Weight = 1 },
        new() { Name = Names.ImageLocality, Weight = 1 },
        new() { Name = Names.DefaultBinder },
    ];

    private static T Args<T>(JsonElement? args) where T : class, new()
    {
        if (args is not { } element) return new T();
        try
        {
            return ConfigJson.Deserialize<T>(element);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"decoding {typeof(T).Name}: {e.Message}", e);
        }
    }
}
