using Orca.Api;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Sim;

/// <summary>
/// The API objects and patches of a hollow node: the Node it registers (labels, pod CIDR, taints and a
/// full status as a kubelet reports it), its condition heartbeat, and its Lease. Built on demand and
/// dropped after the write, so nodes cost no API objects at rest. Thread-safe (no state beyond options).
/// </summary>
internal sealed class NodeObjects(HollowOptions options)
{
    public const string LeaseNamespace = "kube-node-lease";
    public const string KubeletVersion = "v1.32.0-orca";
    public const string HollowLabel = "orca.dev/hollow";

    private readonly Dictionary<string, Quantity> _capacity = new()
    {
        ["cpu"] = options.Cpu,
        ["memory"] = options.Memory,
        ["ephemeral-storage"] = options.EphemeralStorage,
        ["pods"] = Quantity.FromValue(options.MaxPods),
    };

    /// <summary>The Node to create: Ready, with capacity, addresses and node info.</summary>
    public Node Registration(HollowNode node, DateTimeOffset now)
    {
        var labels = new Dictionary<string, string>(options.Labels)
        {
            ["kubernetes.io/hostname"] = node.Name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            [HollowLabel] = "true",
        };
        return new Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new ObjectMeta { Name = node.Name, Labels = labels },
            Spec = new NodeSpec
            {
                PodCIDR = node.PodCidr,
                PodCIDRs = [node.PodCidr],
                Taints = options.Taints.Count == 0 ? null : options.Taints.Select(t => t with { }).ToList(),
            },
            Status = new NodeStatus
            {
                Capacity = new Dictionary<string, Quantity>(_capacity),
                Allocatable = new Dictionary<string, Quantity>(_capacity),
                Conditions = Conditions(now, new DateTimeOffset(node.ReadySince, TimeSpan.Zero)),
                Addresses =
                [
                    new NodeAddress { Type = "InternalIP", Address = node.InternalIpText },
                    new NodeAddress { Type = "Hostname", Address = node.Name },
                ],
                DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = 10250 } },
                NodeInfo = Info(node),
            },
        };
    }

    /// <summary>A strategic-merge patch of nodes/status that sets the conditions (heartbeat now, Ready since <c>ReadySince</c>).</summary>
    public string StatusPatch(HollowNode node, DateTimeOffset now) =>
        "{\"status\":" + ApiJson.SerializeToString(new NodeStatus
        {
            Conditions = Conditions(now, new DateTimeOffset(node.ReadySince, TimeSpan.Zero)),
        }) + "}";

    /// <summary>A strategic-merge patch of nodes/status with everything registration reports (taking over an existing Node).</summary>
    public string FullStatusPatch(HollowNode node, DateTimeOffset now) =>
        "{\"status\":" + ApiJson.SerializeToString(Registration(node, now).Status) + "}";

    /// <summary>The Lease to create, owned by the Node so it goes when the Node does.</summary>
    public Lease Lease(HollowNode node, DateTimeOffset now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new ObjectMeta
        {
            Name = node.Name,
            Namespace = LeaseNamespace,
            OwnerReferences = node.Uid is null ? null : [new OwnerReference { ApiVersion = "v1", Kind = "Node", Name = node.Name, Uid = node.Uid }],
        },
        Spec = new LeaseSpec { HolderIdentity = node.Name, LeaseDurationSeconds = LeaseSeconds, RenewTime = now },
    };

    /// <summary>A merge patch that renews the lease: a few dozen bytes instead of a full update.</summary>
    public string LeaseRenewal(HollowNode node, DateTimeOffset now) =>
        $"{{\"spec\":{{\"holderIdentity\":\"{node.Name}\",\"leaseDurationSeconds\":{LeaseSeconds},\"renewTime\":\"{MicroTimeConverter.Format(now)}\"}}}}";

    private int LeaseSeconds => (int)options.LeaseDuration.TotalSeconds;

    private static List<NodeCondition> Conditions(DateTimeOffset now, DateTimeOffset readySince)
    {
        var at = PodStatuses.Seconds(now.UtcTicks);
        var since = PodStatuses.Seconds(readySince.UtcTicks);
        return
        [
            new() { Type = "MemoryPressure", Status = "False", Reason = "KubeletHasSufficientMemory", Message = "kubelet has sufficient memory available", LastHeartbeatTime = at, LastTransitionTime = since },
            new() { Type = "DiskPressure", Status = "False", Reason = "KubeletHasNoDiskPressure", Message = "kubelet has no disk pressure", LastHeartbeatTime = at, LastTransitionTime = since },
            new() { Type = "PIDPressure", Status = "False", Reason = "KubeletHasSufficientPID", Message = "kubelet has sufficient PID available", LastHeartbeatTime = at, LastTransitionTime = since },
            new() { Type = "Ready", Status = "True", Reason = "KubeletReady", Message = "kubelet is posting ready status", LastHeartbeatTime = at, LastTransitionTime = since },
        ];
    }

    private static NodeSystemInfo Info(HollowNode node)
    {
        var id = node.Index.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        return new NodeSystemInfo
        {
            MachineID = id,
            SystemUUID = $"{id[..8]}-{id[8..12]}-{id[12..16]}-{id[16..20]}-{id[20..]}",
            BootID = id,
            KernelVersion = "6.1.0-hollow",
            OSImage = "Orca hollow node",
            ContainerRuntimeVersion = "orca-sim://0.1",
            KubeletVersion = KubeletVersion,
            KubeProxyVersion = "",
            OperatingSystem = "linux",
            Architecture = "amd64",
        };
    }
}
