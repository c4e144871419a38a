namespace Orca.Api.Core;

/// <summary>
/// What a pod asks of a node, per resource, as the kubelet's admission computes it: app containers and
/// sidecars (restartable init containers) together, or — when more — the largest moment of the init phase (a
/// plain init container next to the sidecars started before it); pod-level cpu/memory requests replace the
/// container totals; the pod overhead is added. cpu in millicores, every other resource in whole units.
/// </summary>
public static class PodResourceRequests
{
    public static Dictionary<string, long> Of(PodSpec spec)
    {
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in spec.Containers) Add(total, Of(c));
        var sidecars = new Dictionary<string, long>(StringComparer.Ordinal);
        var initPeak = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in spec.InitContainers ?? [])
        {
            var own = Of(c);
            if (c.RestartPolicy == "Always")
            {
                Add(total, own);
                Add(sidecars, own);
                Max(initPeak, sidecars);
            }
            else
            {
                Add(own, sidecars);
                Max(initPeak, own);
            }
        }
        Max(total, initPeak);
        foreach (var (name, q) in spec.Resources?.Requests ?? [])
        {
            if (name is "cpu" or "memory" || name.StartsWith("hugepages-", StringComparison.Ordinal)) total[name] = Amount(name, q);
        }
        Add(total, Amounts(spec.Overhead));
        return total;
    }

    /// <summary>A resource list in the same units (cpu in millicores, the rest whole).</summary>
    public static Dictionary<string, long> Amounts(IReadOnlyDictionary<string, Quantity>? list) =>
        (list ?? new Dictionary<string, Quantity>()).ToDictionary(kv => kv.Key, kv => Amount(kv.Key, kv.Value), StringComparer.Ordinal);

    private static long Amount(string name, Quantity q) => name == "cpu" ? q.MilliValue() : q.Value();

    private static Dictionary<string, long> Of(Container c) => Amounts(c.Resources?.Requests);

    private static void Add(Dictionary<string, long> into, Dictionary<string, long> more)
    {
        foreach (var (name, v) in more) into[name] = into.GetValueOrDefault(name) + v;
    }

    private static void Max(Dictionary<string, long> into, Dictionary<string, long> other)
    {
        foreach (var (name, v) in other) into[name] = Math.Max(into.GetValueOrDefault(name), v);
    }
}
