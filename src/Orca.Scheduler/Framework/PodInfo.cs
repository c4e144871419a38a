using Orca.Api.Core;

namespace Orca.Scheduler.Framework;

/// <summary>
/// One pod as the scheduler uses it, with everything derived from its spec computed once: requests
/// (for fitting and, with the scoring defaults, for comparing nodes), host ports, parsed affinity
/// terms, priority. Immutable; a new instance is made when the informer delivers a new version.
/// The <see cref="Pod"/> it wraps is shared with the informer cache and must not be changed.
/// </summary>
internal sealed class PodInfo
{
    public PodInfo(Pod pod)
    {
        Pod = pod;
        Key = $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
        Uid = pod.Metadata.Uid ?? Key;
        Requests = PodRequests.Compute(pod.Spec);
        NonZeroRequests = PodRequests.Compute(pod.Spec, nonZeroDefaults: true);
        HostPorts = HostPortInfo.PortsOf(pod.Spec);
        var affinity = pod.Spec.Affinity;
        RequiredAffinityTerms = AffinityTerms.Required(pod, affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution);
        RequiredAntiAffinityTerms = AffinityTerms.Required(pod, affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution);
        PreferredAffinityTerms = AffinityTerms.Preferred(pod, affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution);
        PreferredAntiAffinityTerms = AffinityTerms.Preferred(pod, affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution);
    }

    public Pod Pod { get; }

    /// <summary>"namespace/name".</summary>
    public string Key { get; }

    /// <summary>metadata.uid, or the key for objects without one (tests).</summary>
    public string Uid { get; }

    public string Namespace => Pod.Metadata.Namespace ?? "";

    public string Name => Pod.Metadata.Name ?? "";

    public int Priority => Pod.Spec.Priority ?? 0;

    public Resource Requests { get; }

    public Resource NonZeroRequests { get; }

    public IReadOnlyList<HostPort> HostPorts { get; }

    public AffinityTerm[] RequiredAffinityTerms { get; }
    public AffinityTerm[] RequiredAntiAffinityTerms { get; }
    public WeightedAffinityTerm[] PreferredAffinityTerms { get; }
    public WeightedAffinityTerm[] PreferredAntiAffinityTerms { get; }

    /// <summary>Any (anti-)affinity term at all: such pods matter to InterPodAffinity scoring of others.</summary>
    public bool HasAffinity => RequiredAffinityTerms.Length + RequiredAntiAffinityTerms.Length
        + PreferredAffinityTerms.Length + PreferredAntiAffinityTerms.Length > 0;

    public bool HasRequiredAntiAffinity => RequiredAntiAffinityTerms.Length > 0;

    /// <summary>status.startTime, else creation time; what "older" means when victims are compared.</summary>
    public DateTimeOffset StartTime => Pod.Status.StartTime ?? Pod.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue;

    public bool IsTerminating => Pod.Metadata.DeletionTimestamp is not null;

    public override string ToString() => Key;
}
