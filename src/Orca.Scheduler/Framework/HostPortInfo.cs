using Orca.Api.Core;

namespace Orca.Scheduler.Framework;

/// <summary>A host port a pod binds: "" IP means all addresses (0.0.0.0), "" protocol means TCP.</summary>
internal readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    public const string AllAddresses = "0.0.0.0";

    public static HostPort Of(ContainerPortSpec p) => new(
        string.IsNullOrEmpty(p.HostIP) ? AllAddresses : p.HostIP,
        string.IsNullOrEmpty(p.Protocol) ? Api.Core.Protocol.Tcp : p.Protocol,
        p.HostPort ?? 0);
}

/// <summary>
/// The host ports in use on a node, by IP. A port bound on 0.0.0.0 conflicts with the same
/// protocol/port on any IP, and any IP conflicts with 0.0.0.0 — as the kubelet's port mapping works.
/// Not thread-safe; cloned with its NodeInfo.
/// </summary>
internal sealed class HostPortInfo
{
    private readonly Dictionary<string, HashSet<(string Protocol, int Port)>> _byIp = new(StringComparer.Ordinal);

    public bool IsEmpty => _byIp.Count == 0;

    /// <summary>Host ports (hostPort &gt; 0) of app containers and sidecars, which hold them for the pod's life.</summary>
    public static IReadOnlyList<HostPort> PortsOf(PodSpec spec)
    {
        List<HostPort>? ports = null;
        foreach (var c in spec.Containers) Collect(c, ref ports);
        foreach (var c in spec.InitContainers ?? [])
        {
            if (c.RestartPolicy == RestartPolicy.Always) Collect(c, ref ports);
        }
        return ports is null ? [] : ports;
    }

    private static void Collect(Container c, ref List<HostPort>? ports)
    {
        foreach (var p in c.Ports ?? [])
        {
            if (p.HostPort is > 0) (ports ??= []).Add(HostPort.Of(p));
        }
    }

    public void Add(HostPort p)
    {
        if (p.Port <= 0) return;
        if (!_byIp.TryGetValue(p.Ip, out var set)) _byIp[p.Ip] = set = [];
        set.Add((p.Protocol, p.Port));
    }

    public void Remove(HostPort p)
    {
        if (_byIp.TryGetValue(p.Ip, out var set) && set.Remove((p.Protocol, p.Port)) && set.Count == 0) _byIp.Remove(p.Ip);
    }

    public bool Conflicts(HostPort p)
    {
        if (p.Port <= 0) return false;
        var key = (p.Protocol, p.Port);
        if (p.Ip == HostPort.AllAddresses)
        {
            foreach (var set in _byIp.Values)
            {
                if (set.Contains(key)) return true;
            }
            return false;
        }
        return (_byIp.TryGetValue(HostPort.AllAddresses, out var any) && any.Contains(key))
            || (_byIp.TryGetValue(p.Ip, out var same) && same.Contains(key));
    }

    public HostPortInfo Clone()
    {
        var copy = new HostPortInfo();
        foreach (var (ip, set) in _byIp) copy._byIp[ip] = [.. set];
        return copy;
    }
}
