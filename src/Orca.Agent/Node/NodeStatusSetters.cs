using Orca.Api;
using Orca.Api.Core;
using NodeObject = Orca.Api.Core.Node;

namespace Orca.Agent.Node;

/// <summary>
/// One setter per part of the node status. Each gets only the functions it needs (kubelet's
/// nodestatus setters) and changes only its own fields of the node passed in.
/// </summary>
internal delegate void NodeStatusSetter(NodeObject node);

internal static class NodeStatusSetters
{
    public const string KubeletVersion = "v1.32.0-orca";

    public static NodeStatusSetter MachineInfo(Func<HostFacts> facts, int maxPods) => node =>
    {
        var f = facts();
        var capacity = new Dictionary<string, Quantity>
        {
            ["cpu"] = Quantity.FromValue(f.Cpus),
            ["memory"] = Quantity.FromValue(f.MemoryBytes / 1024 * 1024, QuantityFormat.BinarySI),
            ["pods"] = Quantity.FromValue(maxPods),
            ["ephemeral-storage"] = Quantity.FromValue(f.EphemeralStorageBytes, QuantityFormat.BinarySI),
        };
        node.Status.Capacity = capacity;
        node.Status.Allocatable = new Dictionary<string, Quantity>(capacity);
    };

    public static NodeStatusSetter Addresses(Func<string> internalIp, Func<string> hostname) => node =>
        node.Status.Addresses =
        [
            new NodeAddress { Type = "InternalIP", Address = internalIp() },
            new NodeAddress { Type = "Hostname", Address = hostname() },
        ];

    public static NodeStatusSetter NodeInfo(Func<HostFacts> facts, Func<(string Name, string Version)> runtime) => node =>
    {
        var f = facts();
        var (name, version) = runtime();
        node.Status.NodeInfo = new NodeSystemInfo
        {
            MachineID = f.MachineId,
            SystemUUID = f.SystemUuid,
            BootID = f.BootId,
            KernelVersion = f.KernelVersion,
            OSImage = f.OsImage,
            ContainerRuntimeVersion = $"{name}://{version}",
            KubeletVersion = KubeletVersion,
            KubeProxyVersion = "",
            OperatingSystem = "linux",
            Architecture = "amd64",
        };
    };

    public static NodeStatusSetter DaemonEndpoints(int port) => node =>
        node.Status.DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = port } };

    /// <summary>
    /// Ready follows <paramref name="runtimeError"/> (null: healthy); MemoryPressure and DiskPressure follow
    /// the eviction manager; PIDPressure is reported False.
    /// </summary>
    public static NodeStatusSetter Conditions(Func<DateTimeOffset> now, Func<string?> runtimeError, Func<bool>? memoryPressure = null, Func<bool>? diskPressure = null) => node =>
    {
        var at = now();
        var error = runtimeError();
        if (memoryPressure?.Invoke() == true) Set(node, at, "MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available");
        else Set(node, at, "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available");
        if (diskPressure?.Invoke() == true) Set(node, at, "DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure");
        else Set(node, at, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure");
        Set(node, at, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available");
        if (error is null) Set(node, at, "Ready", "True", "KubeletReady", "kubelet is posting ready status");
        else Set(node, at, "Ready", "False", "KubeletNotReady", error);
    };

    /// <summary>Updates or adds a condition; the transition time moves only when the status flips.</summary>
    private static void Set(NodeObject node, DateTimeOffset at, string type, string status, string reason, string message)
    {
        var conditions = node.Status.Conditions ??= [];
        var c = conditions.FirstOrDefault(x => x.Type == type);
        if (c is null)
        {
            conditions.Add(new NodeCondition { Type = type, Status = status, Reason = reason, Message = message, LastHeartbeatTime = at, LastTransitionTime = at });
            return;
        }
        if (c.Status != status) c.LastTransitionTime = at;
        c.Status = status;
        c.Reason = reason;
        c.Message = message;
        c.LastHeartbeatTime = at;
    }
}
