using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Cache;

namespace Orca.Scheduler.Framework;

/// <summary>Namespace labels as the informer last saw them. Thread-safe.</summary>
internal interface INamespaceLister
{
    /// <summary>The namespace's labels, or null when it is unknown.</summary>
    IReadOnlyDictionary<string, string>? Labels(string ns);

    /// <summary>Names of namespaces whose labels match <paramref name="selector"/>.</summary>
    IReadOnlyList<string> Matching(LabelSelectorExpr selector);
}

/// <summary>Pods nominated to nodes by preemption (they wait there for victims to leave). Thread-safe.</summary>
internal interface IPodNominator
{
    /// <summary>True when any pod is nominated anywhere (lets the hot path skip per-node lookups).</summary>
    bool Any { get; }

    IReadOnlyList<PodInfo> NominatedPodsForNode(string nodeName);
}

/// <summary>A PodDisruptionBudget as preemption needs it: which pods it covers and how many may still go.</summary>
internal sealed record DisruptionBudget(string Namespace, string Name, LabelSelectorExpr Selector, int DisruptionsAllowed,
    IReadOnlySet<string> DisruptedPods);

/// <summary>The disruption budgets known now. Thread-safe.</summary>
internal interface IDisruptionBudgetLister
{
    IReadOnlyList<DisruptionBudget> List();
}

/// <summary>
/// Label selectors of the objects that group a pod with its siblings (services selecting it, its
/// owning ReplicaSet/StatefulSet/ReplicationController); used for system-default topology spreading.
/// </summary>
internal interface IPodGroupSelectors
{
    /// <summary>The selectors that select <paramref name="pod"/>; empty when nothing groups it.</summary>
    IReadOnlyList<LabelSelectorExpr> For(Pod pod);
}

/// <summary>Records events about pods under the profile's scheduler name (never blocks or throws).</summary>
internal interface IEventSink
{
    void Event(Pod regarding, string type, string reason, string message);
}

/// <summary>
/// What plugins of one profile may use besides their arguments: the cycle's snapshot, listers, the
/// API writes the scheduler makes, events, and the framework itself (preemption re-runs filters).
/// Built once per profile; the snapshot instance is the scheduler's and is refreshed each cycle.
/// </summary>
internal sealed class FrameworkHandle
{
    public required string SchedulerName { get; init; }
    public required Snapshot Snapshot { get; init; }
    public required INamespaceLister Namespaces { get; init; }
    public required IPodNominator Nominator { get; init; }
    public required ISchedulerClient Client { get; init; }
    public required IEventSink Events { get; init; }
    public required IDisruptionBudgetLister DisruptionBudgets { get; init; }
    public required IPodGroupSelectors GroupSelectors { get; init; }
    public required Parallelizer Parallelizer { get; init; }
    public required TimeProvider Time { get; init; }
    public required ILogger Logger { get; init; }

    /// <summary>Claims, volumes and classes for VolumeBinding; null when the scheduler knows no storage.</summary>
    public IVolumeSource? Volumes { get; init; }

    /// <summary>The profile's framework; set once it is built (plugins are built first).</summary>
    public SchedulingFramework Framework { get; set; } = null!;
}
