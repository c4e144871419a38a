using Orca.Api;

namespace Orca.Scheduler.Framework;

/// <summary>
/// Amounts of compute resources as plain integers: cpu in millicores, memory and ephemeral storage
/// in bytes, a pod count, and scalar resources (extended, hugepages, attachable volumes) in whole
/// units. Converted from Quantity once, so the hot paths never touch big integers. Not thread-safe;
/// owners copy before sharing across cycles.
/// </summary>
internal sealed class Resource
{
    public long MilliCpu;
    public long Memory;
    public long EphemeralStorage;
    public long AllowedPodNumber;
    public Dictionary<string, long>? Scalar;

    public bool IsZero => MilliCpu == 0 && Memory == 0 && EphemeralStorage == 0 && (Scalar is null || Scalar.Count == 0);

    /// <summary>Reads a ResourceList (requests, limits, allocatable). Unknown native names are ignored.</summary>
    public static Resource From(IReadOnlyDictionary<string, Quantity>? list)
    {
        var r = new Resource();
        if (list is not null)
        {
            foreach (var (name, q) in list) r.Set(name, q);
        }
        return r;
    }

    public void Set(string name, Quantity q)
    {
        switch (name)
        {
            case ResourceNames.Cpu: MilliCpu = q.MilliValue(); break;
            case ResourceNames.Memory: Memory = q.Value(); break;
            case ResourceNames.EphemeralStorage: EphemeralStorage = q.Value(); break;
            case ResourceNames.Pods: AllowedPodNumber = q.Value(); break;
            default:
                if (ResourceNames.IsScalar(name)) SetScalar(name, q.Value());
                break;
        }
    }

    /// <summary>The amount of <paramref name="name"/> (0 when absent or unknown).</summary>
    public long Get(string name) => name switch
    {
        ResourceNames.Cpu => MilliCpu,
        ResourceNames.Memory => Memory,
        ResourceNames.EphemeralStorage => EphemeralStorage,
        ResourceNames.Pods => AllowedPodNumber,
        _ => Scalar is not null && Scalar.TryGetValue(name, out var v) ? v : 0,
    };

    public void SetScalar(string name, long value)
    {
        Scalar ??= new Dictionary<string, long>(StringComparer.Ordinal);
        Scalar[name] = value;
    }

    public void Add(Resource other, long sign = 1)
    {
        MilliCpu += sign * other.MilliCpu;
        Memory += sign * other.Memory;
        EphemeralStorage += sign * other.EphemeralStorage;
        AllowedPodNumber += sign * other.AllowedPodNumber;
        if (other.Scalar is null) return;
        foreach (var (k, v) in other.Scalar) SetScalar(k, Get(k) + sign * v);
    }

    /// <summary>Each amount becomes the larger of the two.</summary>
    public void Max(Resource other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        Memory = Math.Max(Memory, other.Memory);
        EphemeralStorage = Math.Max(EphemeralStorage, other.EphemeralStorage);
        AllowedPodNumber = Math.Max(AllowedPodNumber, other.AllowedPodNumber);
        if (other.Scalar is null) return;
        foreach (var (k, v) in other.Scalar) SetScalar(k, Math.Max(Get(k), v));
    }

    public Resource Clone() => new()
    {
        MilliCpu = MilliCpu,
        Memory = Memory,
        EphemeralStorage = EphemeralStorage,
        AllowedPodNumber = AllowedPodNumber,
        Scalar = Scalar is null ? null : new Dictionary<string, long>(Scalar, StringComparer.Ordinal),
    };

    public override string ToString() => $"cpu={MilliCpu}m memory={Memory} ephemeral-storage={EphemeralStorage} pods={AllowedPodNumber}";
}

/// <summary>Resource names and Kubernetes' classification of them (v1helper).</summary>
internal static class ResourceNames
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string Pods = "pods";

    /// <summary>No "/" or within kubernetes.io: a resource Kubernetes itself defines.</summary>
    public static bool IsNative(string name) => !name.Contains('/') || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    /// <summary>A domain-qualified name outside kubernetes.io (e.g. example.com/gpu), not a quota "requests." name.</summary>
    public static bool IsExtended(string name) => !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal);

    public static bool IsHugePages(string name) => name.StartsWith("hugepages-", StringComparison.Ordinal);

    /// <summary>Resources counted as opaque integers: extended, hugepages, kubernetes.io/-prefixed and attachable volumes.</summary>
    public static bool IsScalar(string name) =>
        IsExtended(name) || IsHugePages(name) || name.Contains("kubernetes.io/", StringComparison.Ordinal)
        || name.StartsWith("attachable-volumes-", StringComparison.Ordinal);
}
