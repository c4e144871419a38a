namespace Orca.Scheduler.Framework;

/// <summary>The kinds of objects whose changes can make a parked pod schedulable.</summary>
internal enum EventResource
{
    Pod,
    AssignedPod,
    Node,
    Namespace,
    Service,
    PodDisruptionBudget,
    /// <summary>PersistentVolumeClaims, PersistentVolumes and StorageClasses (VolumeBinding).</summary>
    Storage,
    /// <summary>Matches every resource (used for "move everything" events such as the periodic flush).</summary>
    Wildcard,
}

/// <summary>What happened to the object; flags so a plugin can register several at once.</summary>
[Flags]
internal enum ActionType
{
    None = 0,
    Add = 1,
    Delete = 2,
    UpdateNodeAllocatable = 4,
    UpdateNodeLabel = 8,
    UpdateNodeTaint = 16,
    UpdateNodeCondition = 32,
    UpdateNodeAnnotation = 64,
    UpdatePodLabel = 128,
    UpdatePodScaleDown = 256,
    UpdatePodTolerations = 512,
    UpdatePodSchedulingGatesEliminated = 1024,
    /// <summary>Any other change (for pods: not one of the specific ones above).</summary>
    UpdateOther = 2048,
    UpdateNodeSpecUnschedulable = 4096,
    Update = UpdateNodeAllocatable | UpdateNodeLabel | UpdateNodeTaint | UpdateNodeCondition | UpdateNodeAnnotation | UpdateNodeSpecUnschedulable
        | UpdatePodLabel | UpdatePodScaleDown | UpdatePodTolerations | UpdatePodSchedulingGatesEliminated | UpdateOther,
    All = Add | Delete | Update,
}

/// <summary>A change in the cluster, e.g. (Node, Add) or (AssignedPod, Delete); <see cref="Label"/> names it in logs.</summary>
internal readonly record struct ClusterEvent(EventResource Resource, ActionType Action, string Label)
{
    public static readonly ClusterEvent NodeAdd = new(EventResource.Node, ActionType.Add, "NodeAdd");
    public static readonly ClusterEvent AssignedPodAdd = new(EventResource.AssignedPod, ActionType.Add, "AssignedPodAdd");
    public static readonly ClusterEvent AssignedPodDelete = new(EventResource.AssignedPod, ActionType.Delete, "AssignedPodDelete");
    public static readonly ClusterEvent UnschedulableTimeout = new(EventResource.Wildcard, ActionType.All, "UnschedulableTimeout");
    public static readonly ClusterEvent ForceActivate = new(EventResource.Wildcard, ActionType.All, "ForceActivate");

    /// <summary>True when this (registered) event covers the <paramref name="happened"/> one.</summary>
    public bool Covers(ClusterEvent happened) =>
        (Resource == EventResource.Wildcard || happened.Resource == EventResource.Wildcard || Resource == happened.Resource
         || (Resource == EventResource.Pod && happened.Resource == EventResource.AssignedPod))
        && (Action & happened.Action) != 0;
}

/// <summary>Whether an event is worth retrying a particular pod for.</summary>
internal enum QueueingHint
{
    Skip,
    Queue,
}

/// <summary>
/// Decides for one parked pod whether a specific change could help it; null objects for adds
/// (old) and deletes (new). Must be cheap and must not block: it runs on the informer thread.
/// </summary>
internal delegate QueueingHint QueueingHintFn(PodInfo pod, object? oldObj, object? newObj);

/// <summary>An event a plugin registers for, optionally with a hint that filters out irrelevant changes.</summary>
internal sealed record ClusterEventWithHint(ClusterEvent Event, QueueingHintFn? Hint = null);
