using Microsoft.Extensions.Logging;
using Orca.Api.Core;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler;

/// <summary>
/// What the scheduler needs from outside: the API writes, listers over informer caches, event sinks per
/// profile, the clock and a logger. <see cref="SchedulerHost"/> fills it from a KubeClient and informers;
/// tests fill it with fakes.
/// </summary>
internal sealed record SchedulerDependencies
{
    public required ISchedulerClient Client { get; init; }
    public required INamespaceLister Namespaces { get; init; }
    public required IDisruptionBudgetLister DisruptionBudgets { get; init; }
    public required IPodGroupSelectors GroupSelectors { get; init; }

    /// <summary>The event sink of a profile (its schedulerName is the reporting component).</summary>
    public required Func<string, IEventSink> EventsFor { get; init; }

    /// <summary>The informer's current copy of a pod (namespace, name), or null when it is gone.</summary>
    public required Func<string, string, Pod?> GetPod { get; init; }

    public required TimeProvider Time { get; init; }
    public required ILogger Logger { get; init; }

    /// <summary>Storage for VolumeBinding (null: pods' claims are not checked).</summary>
    public IVolumeSource? Volumes { get; init; }

    /// <summary>Assumed pods whose binding finished expire after this (zero: never). Default zero.</summary>
    public TimeSpan AssumedPodTtl { get; init; }
}
