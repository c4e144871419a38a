using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Plugins.NodeResources;

/// <summary>Turns per-resource (requested after placement, allocatable) pairs into a node score 0–100.</summary>
internal delegate long ResourceScorer(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable);

/// <summary>
/// The resource bookkeeping shared by NodeResourcesFit scoring and BalancedAllocation: for each configured
/// resource, what the node would have requested with the pod on it and what it can allocate. Resources
/// the node has none of are left out (0/0); an extended resource the pod does not request is left out too.
/// With <c>useRequested</c> false, cpu and memory count the scoring defaults (100m, 200Mi) for containers
/// that state no request, so that best-effort pods still spread. Immutable; thread-safe.
/// </summary>
internal sealed class ResourceAllocationScorer
{
    private readonly string[] _names;
    private readonly bool _useRequested;
    private readonly ResourceScorer _scorer;

    public ResourceAllocationScorer(IReadOnlyList<ResourceSpec> resources, bool useRequested, ResourceScorer scorer)
    {
        _names = resources.Select(r => r.Name).ToArray();
        Weights = resources.Select(r => r.Weight).ToArray();
        _useRequested = useRequested;
        _scorer = scorer;
    }

    public long[] Weights { get; }

    /// <summary>The pod's amount of each configured resource, as scoring counts it.</summary>
    public long[] PodRequests(PodInfo pod)
    {
        var result = new long[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            var name = _names[i];
            var source = !_useRequested && name is ResourceNames.Cpu or ResourceNames.Memory ? pod.NonZeroRequests : pod.Requests;
            result[i] = source.Get(name);
        }
        return result;
    }

    public long Score(NodeInfo node, long[] podRequests)
    {
        Span<long> requested = stackalloc long[_names.Length];
        Span<long> allocatable = stackalloc long[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            var (alloc, req) = AllocatableAndRequested(node, _names[i], podRequests[i]);
            if (alloc == 0) continue;
            allocatable[i] = alloc;
            requested[i] = req;
        }
        return _scorer(requested, allocatable);
    }

    private (long Allocatable, long Requested) AllocatableAndRequested(NodeInfo node, string name, long podRequest)
    {
        var used = _useRequested ? node.Requested : node.NonZeroRequested;
        if (podRequest == 0 && ResourceNames.IsScalar(name)) return (0, 0);
        return name switch
        {
            ResourceNames.Cpu => (node.Allocatable.MilliCpu, used.MilliCpu + podRequest),
            ResourceNames.Memory => (node.Allocatable.Memory, used.Memory + podRequest),
            ResourceNames.EphemeralStorage => (node.Allocatable.EphemeralStorage, node.Requested.EphemeralStorage + podRequest),
            _ => node.Allocatable.Scalar is { } scalar && scalar.TryGetValue(name, out var alloc)
                ? (alloc, node.Requested.Get(name) + podRequest) : (0, 0),
        };
    }
}

/// <summary>The scoring functions of NodeResourcesFit's strategies and of BalancedAllocation.</summary>
internal static class ResourceScorers
{
    private const long MaxScore = SchedulingFramework.MaxNodeScore;

    /// <summary>Free share after placement, weighted average: emptier nodes win (spreading).</summary>
    public static ResourceScorer LeastAllocated(long[] weights) => (requested, allocatable) =>
        WeightedAverage(requested, allocatable, weights, (r, c) => r > c ? 0 : (c - r) * MaxScore / c);

    /// <summary>Used share after placement (capped at full), weighted average: fuller nodes win (bin packing).</summary>
    public static ResourceScorer MostAllocated(long[] weights) => (requested, allocatable) =>
        WeightedAverage(requested, allocatable, weights, (r, c) => Math.Min(r, c) * MaxScore / c);

    private static long WeightedAverage(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable, long[] weights, Func<long, long, long> score)
    {
        long sum = 0, weightSum = 0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0) continue;
            sum += score(requested[i], allocatable[i]) * weights[i];
            weightSum += weights[i];
        }
        return weightSum == 0 ? 0 : sum / weightSum;
    }

    /// <summary>
    /// A broken-line function of utilization (0–100) given by shape points whose scores (0–10) are scaled
    /// to 0–100; resources scoring 0 do not count towards the weighted average, which is rounded.
    /// </summary>
    public static ResourceScorer RequestedToCapacityRatio(long[] weights, IReadOnlyList<UtilizationShapePoint> shape)
    {
        var points = shape.Select(p => (Utilization: (long)p.Utilization, Score: p.Score * (MaxScore / 10))).ToArray();
        long Line(long p)
        {
            for (var i = 0; i < points.Length; i++)
            {
                if (p > points[i].Utilization) continue;
                if (i == 0) return points[0].Score;
                var (u0, s0) = points[i - 1];
                var (u1, s1) = points[i];
                return s0 + (s1 - s0) * (p - u0) / (u1 - u0);
            }
            return points[^1].Score;
        }
        return (requested, allocatable) =>
        {
            long sum = 0, weightSum = 0;
            for (var i = 0; i < requested.Length; i++)
            {
                if (allocatable[i] == 0) continue;
                var score = requested[i] > allocatable[i] ? Line(100) : Line(requested[i] * 100 / allocatable[i]);
                if (score <= 0) continue;
                sum += score * weights[i];
                weightSum += weights[i];
            }
            return weightSum == 0 ? 0 : (long)Math.Round((double)sum / weightSum, MidpointRounding.AwayFromZero);
        };
    }

    /// <summary>
    /// 100 × (1 − standard deviation of the used fractions): nodes whose resources are used evenly win.
    /// Two resources use |f1 − f2| / 2; more use the population standard deviation.
    /// </summary>
    public static long Balanced(ReadOnlySpan<long> requested, ReadOnlySpan<long> allocatable)
    {
        Span<double> fractions = stackalloc double[requested.Length];
        var n = 0;
        double total = 0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0) continue;
            var f = Math.Min(1.0, (double)requested[i] / allocatable[i]);
            fractions[n++] = f;
            total += f;
        }
        var std = 0.0;
        if (n == 2)
        {
            std = Math.Abs((fractions[0] - fractions[1]) / 2);
        }
        else if (n > 2)
        {
            var mean = total / n;
            double sum = 0;
            for (var i = 0; i < n; i++) sum += (fractions[i] - mean) * (fractions[i] - mean);
            std = Math.Sqrt(sum / n);
        }
        return (long)((1 - std) * MaxScore);
    }
}
