using System.Net;
using Orca.Api;
using Orca.Api.Core;
using Orca.ApiServer.Http;

namespace Orca.ApiServer.Registry;

/// <summary>
/// Gives new Services a cluster IP from the service range (10.96.0.0/16; .1 is the `kubernetes`
/// service) and NodePort/LoadBalancer ports a node port from 30000–32767, as Kubernetes'
/// allocators do. A requested address is checked for conflicts (422 when taken). The set of taken
/// values comes from the services cache, so it survives restarts without its own storage; a lock
/// keeps two concurrent creates from drawing the same value.
/// </summary>
internal sealed class ServiceAllocator(Func<ResourceStore> services) : IAdmission
{
    public const string FirstClusterIp = "10.96.0.1";
    private const int NodePortMin = 30000;
    private const int NodePortMax = 32767;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _reservedIps = [];
    private readonly HashSet<int> _reservedPorts = [];

    public Task AdmitCreateAsync(ResourceDefinition definition, IKubeObject obj, CancellationToken cancellationToken)
    {
        if (obj is not Service service) return Task.CompletedTask;
        var spec = service.Spec;
        lock (_lock)
        {
            var (ips, ports) = Taken();
            if (spec.Type != "ExternalName" && spec.ClusterIP != "None")
            {
                if (string.IsNullOrEmpty(spec.ClusterIP)) spec.ClusterIP = NextIp(ips);
                else if (ips.Contains(spec.ClusterIP))
                    throw Invalid(service, "spec.clusterIPs", $"Invalid value: []string{{\"{spec.ClusterIP}\"}}: failed to allocate IP {spec.ClusterIP}: provided IP is already allocated");
                spec.ClusterIPs = [spec.ClusterIP];
                _reservedIps.Add(spec.ClusterIP);
                spec.IPFamilies ??= ["IPv4"];
                spec.IPFamilyPolicy ??= "SingleStack";
            }
            if (spec.Type is "NodePort" or "LoadBalancer")
            {
                foreach (var port in spec.Ports ?? [])
                {
                    if (port.NodePort is null or 0) port.NodePort = NextPort(ports);
                    else if (ports.Contains(port.NodePort.Value))
                        throw Invalid(service, "spec.ports[0].nodePort", $"Invalid value: {port.NodePort}: provided port is already allocated");
                    ports.Add(port.NodePort.Value);
                    _reservedPorts.Add(port.NodePort.Value);
                }
            }
        }
        return Task.CompletedTask;
    }

    private (HashSet<string> Ips, HashSet<int> Ports) Taken()
    {
        var ips = new HashSet<string>(_reservedIps);
        var ports = new HashSet<int>(_reservedPorts);
        foreach (var cached in services().Cache.Snapshot().Items.Values)
        {
            var spec = ((Service)cached.Object).Spec;
            if (!string.IsNullOrEmpty(spec.ClusterIP)) ips.Add(spec.ClusterIP);
            foreach (var p in spec.Ports ?? []) if (p.NodePort is { } n) ports.Add(n);
        }
        return (ips, ports);
    }

    private static string NextIp(HashSet<string> taken)
    {
        if (!taken.Contains(FirstClusterIp)) return FirstClusterIp;
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var n = Random.Shared.Next(2, 65534);
            var ip = new IPAddress([10, 96, (byte)(n >> 8), (byte)(n & 0xff)]).ToString();
            if (!taken.Contains(ip)) return ip;
        }
        throw ApiErrors.Internal("the service IP range is full");
    }

    private static int NextPort(HashSet<int> taken)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var port = Random.Shared.Next(NodePortMin, NodePortMax + 1);
            if (!taken.Contains(port)) return port;
        }
        throw ApiErrors.Internal("the node port range is full");
    }

    private static StatusException Invalid(Service s, string field, string detail) =>
        ApiErrors.Invalid("", "Service", s.Metadata.Name ?? "", [MetaValidation.Cause(Orca.Api.Meta.StatusReasons.CauseFieldValueInvalid, field, detail)]);
}

/// <summary>Runs admission plugins in order; the first refusal wins.</summary>
internal sealed class AdmissionChain(params IAdmission[] plugins) : IAdmission
{
    public async Task AdmitCreateAsync(ResourceDefinition definition, IKubeObject obj, CancellationToken cancellationToken)
    {
        foreach (var plugin in plugins) await plugin.AdmitCreateAsync(definition, obj, cancellationToken);
    }

    public async Task AdmitUpdateAsync(ResourceDefinition definition, IKubeObject obj, IKubeObject old, CancellationToken cancellationToken)
    {
        foreach (var plugin in plugins) await plugin.AdmitUpdateAsync(definition, obj, old, cancellationToken);
    }
}
