namespace Orca.Scheduler.Plugins;

/// <summary>Plugin names as Kubernetes spells them (configuration files refer to these).</summary>
internal static class Names
{
    public const string PrioritySort = "PrioritySort";
    public const string SchedulingGates = "SchedulingGates";
    public const string NodeName = "NodeName";
    public const string NodeUnschedulable = "NodeUnschedulable";
    public const string TaintToleration = "TaintToleration";
    public const string NodeAffinity = "NodeAffinity";
    public const string NodePorts = "NodePorts";
    public const string NodeResourcesFit = "NodeResourcesFit";
    public const string NodeResourcesBalancedAllocation = "NodeResourcesBalancedAllocation";
    public const string InterPodAffinity = "InterPodAffinity";
    public const string PodTopologySpread = "PodTopologySpread";
    public const string ImageLocality = "ImageLocality";
    public const string DefaultPreemption = "DefaultPreemption";
    public const string DefaultBinder = "DefaultBinder";
}
