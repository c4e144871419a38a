using System.Globalization;
using Orca.Api;

namespace Orca.Agent.Eviction;

/// <summary>
/// A hard eviction threshold: a signal is crossed when what is available falls under a quantity or
/// a percentage of its capacity. Signals, the resource each one reclaims and the node condition it
/// raises are the kubelet's.
/// </summary>
internal sealed record EvictionThreshold(string Signal, Quantity? Quantity, double? Percentage)
{
    /// <summary>The threshold in the signal's unit (bytes or inodes) for a given capacity.</summary>
    public long Value(long capacity) => Quantity is { } q ? q.Value() : (long)Math.Ceiling(capacity * Percentage!.Value / 100);

    public override string ToString() =>
        Quantity is { } q ? $"{Signal}<{q}" : $"{Signal}<{Percentage!.Value.ToString(CultureInfo.InvariantCulture)}%";
}

internal static class EvictionSignals
{
    public const string MemoryAvailable = "memory.available";
    public const string NodeFsAvailable = "nodefs.available";
    public const string NodeFsInodesFree = "nodefs.inodesFree";
    public const string ImageFsAvailable = "imagefs.available";
    public const string ImageFsInodesFree = "imagefs.inodesFree";

    public static IReadOnlyList<string> All { get; } = [MemoryAvailable, NodeFsAvailable, NodeFsInodesFree, ImageFsAvailable, ImageFsInodesFree];

    /// <summary>The kubelet's defaults for --eviction-hard.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        [MemoryAvailable] = "100Mi",
        [NodeFsAvailable] = "10%",
        [ImageFsAvailable] = "15%",
        [NodeFsInodesFree] = "5%",
    };

    /// <summary>The resource a signal's evictions reclaim, as named in the eviction message.</summary>
    public static string Resource(string signal) => signal switch
    {
        MemoryAvailable => "memory",
        NodeFsInodesFree or ImageFsInodesFree => "inodes",
        _ => "ephemeral-storage",
    };

    /// <summary>The node condition a crossed signal sets True.</summary>
    public static string Condition(string signal) => signal == MemoryAvailable ? "MemoryPressure" : "DiskPressure";

    /// <summary>Parses signal → "100Mi" / "10%" (the kubelet's --eviction-hard values); throws ArgumentException naming the bad entry.</summary>
    public static IReadOnlyList<EvictionThreshold> Parse(IReadOnlyDictionary<string, string> hard)
    {
        var thresholds = new List<EvictionThreshold>();
        foreach (var (signal, text) in hard)
        {
            if (!All.Contains(signal)) throw new ArgumentException($"eviction-hard: unsupported eviction signal {signal}");
            var value = text.Trim();
            if (value.EndsWith('%'))
            {
                if (!double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || percent is < 0 or > 100)
                    throw new ArgumentException($"eviction-hard: invalid percentage {value} for {signal}");
                thresholds.Add(new EvictionThreshold(signal, null, percent));
            }
            else if (Quantity.TryParse(value, out var quantity, out _) && quantity >= Quantity.Zero)
            {
                thresholds.Add(new EvictionThreshold(signal, quantity, null));
            }
            else throw new ArgumentException($"eviction-hard: invalid quantity {value} for {signal}");
        }
        return thresholds;
    }

    /// <summary>Parses the flag form "memory.available&lt;100Mi,nodefs.available&lt;10%"; throws ArgumentException on a malformed entry.</summary>
    public static IReadOnlyDictionary<string, string> ParseFlag(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lt = entry.IndexOf('<');
            if (lt <= 0) throw new ArgumentException($"eviction-hard: \"{entry}\" is not signal<value");
            result[entry[..lt]] = entry[(lt + 1)..];
        }
        return result;
    }
}
