using Orca.Api;
using Orca.Api.Core;

namespace Orca.Scheduler.Framework;

/// <summary>
/// What a pod asks a node for, as Kubernetes computes it for scheduling and admission:
/// the sum of the app containers, plus restartable init containers (sidecars), which keep running;
/// each plain init container runs alone next to the sidecars started before it, so the pod needs at
/// least the largest such moment; pod-level requests (cpu, memory, hugepages) replace the container
/// totals; pod overhead is added on top.
/// </summary>
internal static class PodRequests
{
    /// <summary>Defaults used for scoring when a container states no cpu request: 100m.</summary>
    public const long DefaultMilliCpuRequest = 100;

    /// <summary>Defaults used for scoring when a container states no memory request: 200 MiB.</summary>
    public const long DefaultMemoryRequest = 200L * 1024 * 1024;

    /// <param name="nonZeroDefaults">
    /// Fill a container's missing (not merely zero) cpu and memory requests with the scoring defaults,
    /// so that best-effort pods still weigh something when nodes are compared.
    /// </param>
    public static Resource Compute(PodSpec spec, bool nonZeroDefaults = false)
    {
        var total = new Resource();
        foreach (var c in spec.Containers) total.Add(Of(c, nonZeroDefaults));
        var sidecars = new Resource();
        var initPeak = new Resource();
        foreach (var c in spec.InitContainers ?? [])
        {
            var own = Of(c, nonZeroDefaults);
            Resource moment;
            if (c.RestartPolicy == RestartPolicy.Always)
            {
                total.Add(own);
                sidecars.Add(own);
                moment = sidecars;
            }
            else
            {
                moment = own;
                moment.Add(sidecars);
            }
            initPeak.Max(moment);
        }
        total.Max(initPeak);
        ApplyPodLevel(spec, total);
        if (spec.Overhead is { Count: > 0 } overhead) total.Add(Resource.From(overhead));
        return total;
    }

    private static Resource Of(Container c, bool nonZeroDefaults)
    {
        var requests = c.Resources?.Requests;
        var r = Resource.From(requests);
        if (!nonZeroDefaults) return r;
        if (requests is null || !requests.ContainsKey(ResourceNames.Cpu)) r.MilliCpu = DefaultMilliCpuRequest;
        if (requests is null || !requests.ContainsKey(ResourceNames.Memory)) r.Memory = DefaultMemoryRequest;
        return r;
    }

    private static void ApplyPodLevel(PodSpec spec, Resource total)
    {
        if (spec.Resources?.Requests is not { Count: > 0 } requests) return;
        foreach (var (name, q) in requests)
        {
            if (name is ResourceNames.Cpu or ResourceNames.Memory || ResourceNames.IsHugePages(name)) total.Set(name, q);
        }
    }
}
