using Orca.Api;
using Orca.Api.Core;

namespace Orca.Sim;

/// <summary>
/// How a <see cref="HollowCluster"/> looks and behaves. Defaults are in each property's doc; <see cref="Validate"/>
/// runs when the cluster starts. Immutable; the CLI fills it from flags.
/// </summary>
public sealed record HollowOptions
{
    /// <summary>How many nodes. Default 1.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Node i is named prefix + i, zero-padded to the width of the largest index (hollow-0001). Default "hollow-".</summary>
    public string NamePrefix { get; init; } = "hollow-";

    /// <summary>cpu capacity and allocatable of every node. Default 32.</summary>
    public Quantity Cpu { get; init; } = Quantity.FromValue(32);

    /// <summary>memory capacity and allocatable. Default 256Gi.</summary>
    public Quantity Memory { get; init; } = Quantity.Parse("256Gi");

    /// <summary>ephemeral-storage capacity and allocatable. Default 100Gi.</summary>
    public Quantity EphemeralStorage { get; init; } = Quantity.Parse("100Gi");

    /// <summary>pods capacity; a pod beyond it is rejected (phase Failed, reason OutOfpods) as the kubelet does. Default 110, at most 250.</summary>
    public int MaxPods { get; init; } = 110;

    /// <summary>Labels added to every node besides kubernetes.io/hostname, kubernetes.io/os and kubernetes.io/arch.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Taints of every node at registration.</summary>
    public IReadOnlyList<Taint> Taints { get; init; } = [];

    /// <summary>How often each node's Lease is renewed; renewals of all nodes are spread evenly over it. Default 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>leaseDurationSeconds of the node leases. Default 40 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Node status (condition heartbeat times) is written at least this often, spread like the leases. Default 5 min.</summary>
    public TimeSpan NodeStatusReportInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A deleted pod is confirmed after its grace period, but never later than this after the deletion was seen. Default 30 s.</summary>
    public TimeSpan MaxGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When set, pods with restartPolicy Never or OnFailure succeed (exit code 0) this long after they started, or
    /// fail with the exit code their <c>sim.orca.dev/exit-code</c> annotation names (<see cref="PodShape.ExitCodeAnnotation"/>);
    /// null (default) keeps every pod Running until deleted.
    /// </summary>
    public TimeSpan? PodRunTime { get; init; }

    /// <summary>Node i gets the i-th /24 of this range as its pod CIDR; pod IPs come from it. Fake, never routed. Default 10.128.0.0/10.</summary>
    public string PodCidr { get; init; } = "10.128.0.0/10";

    /// <summary>Node i's InternalIP is the i-th address of this range (loopback: nothing is ever reachable there). Default 127.192.0.0/10.</summary>
    public string NodeIpCidr { get; init; } = "127.192.0.0/10";

    /// <summary>Concurrent node writes (registration, lease renewal, node status). Default 16.</summary>
    public int NodeWorkers { get; init; } = 16;

    /// <summary>Concurrent pod writes (status, deletion confirmation). Default 32.</summary>
    public int PodWorkers { get; init; } = 32;

    /// <summary>Page size of the pod list at start and after a watch expired. Default 500.</summary>
    public int ListPageSize { get; init; } = 500;

    /// <summary>The field manager and identity the sim writes with. Default "orca-sim".</summary>
    public string FieldManager { get; init; } = "orca-sim";

    /// <summary>The name of node <paramref name="index"/>.</summary>
    public string NodeName(int index) => NamePrefix + index.ToString(new string('0', Digits), System.Globalization.CultureInfo.InvariantCulture);

    private int Digits => Math.Max(1, (Nodes - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Nodes < 0) throw new ArgumentException("nodes must not be negative");
        if (MaxPods is < 1 or > 250) throw new ArgumentException("pods per node must be between 1 and 250 (one /24 per node)");
        if (HeartbeatInterval <= TimeSpan.Zero || LeaseDuration <= TimeSpan.Zero || NodeStatusReportInterval <= TimeSpan.Zero)
            throw new ArgumentException("heartbeat interval, lease duration and status report interval must be positive");
        if (MaxGracePeriod < TimeSpan.Zero) throw new ArgumentException("max grace period must not be negative");
        if (PodRunTime is { } run && run < TimeSpan.Zero) throw new ArgumentException("pod run time must not be negative");
        if (NodeWorkers < 1 || PodWorkers < 1 || ListPageSize < 1) throw new ArgumentException("workers and page size must be positive");
        var pods = Ipv4Range.Parse(PodCidr);
        if (pods.PrefixLength > 24 || Nodes > 1L << (24 - pods.PrefixLength))
            throw new ArgumentException($"pod CIDR {PodCidr} has room for fewer than {Nodes} /24 node ranges");
        var nodes = Ipv4Range.Parse(NodeIpCidr);
        if (Nodes > nodes.Size - 2) throw new ArgumentException($"node IP CIDR {NodeIpCidr} has room for fewer than {Nodes} addresses");
        if (string.IsNullOrEmpty(NamePrefix)) throw new ArgumentException("name prefix must not be empty");
        foreach (var t in Taints)
        {
            if (t.Effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                throw new ArgumentException($"taint {t.Key} has effect \"{t.Effect}\"; want NoSchedule, PreferNoSchedule or NoExecute");
        }
    }

    /// <summary>Parses "k=v,k2=v2" (kubectl's --labels form). Empty text gives no labels.</summary>
    public static Dictionary<string, string> ParseLabels(string? text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = term.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"label \"{term}\" is not key=value");
            labels[term[..eq]] = term[(eq + 1)..];
        }
        return labels;
    }

    /// <summary>Parses "k=v:Effect,k:Effect" (kubectl taint's form; the value is optional).</summary>
    public static List<Taint> ParseTaints(string? text)
    {
        var taints = new List<Taint>();
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = term.LastIndexOf(':');
            if (colon <= 0 || colon == term.Length - 1) throw new ArgumentException($"taint \"{term}\" is not key[=value]:Effect");
            var keyValue = term[..colon];
            var eq = keyValue.IndexOf('=');
            taints.Add(new Taint
            {
                Key = eq < 0 ? keyValue : keyValue[..eq],
                Value = eq < 0 ? null : keyValue[(eq + 1)..],
                Effect = term[(colon + 1)..],
            });
        }
        return taints;
    }
}
