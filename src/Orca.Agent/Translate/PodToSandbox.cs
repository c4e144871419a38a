using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Translate;

/// <summary>Pod → sandbox config: identity labels, hostname, DNS, host ports, namespaces, cgroup parent.</summary>
internal static class PodToSandbox
{
    public static PodSandboxConfig Build(Pod pod, AgentOptions options, int attempt = 0)
    {
        var m = pod.Metadata;
        return new PodSandboxConfig
        {
            Name = m.Name ?? "",
            Namespace = m.Namespace ?? "default",
            Uid = m.Uid ?? "",
            Attempt = attempt,
            Hostname = Hostname(pod),
            LogDirectory = Path.Combine(options.PodLogDir, $"{m.Namespace}_{m.Name}_{m.Uid}"),
            Dns = Dns(pod, options),
            PortMappings = Ports(pod),
            Labels = Labels(pod),
            Annotations = new Dictionary<string, string>(m.Annotations ?? []),
            CgroupParent = QosClass.CgroupParent(pod),
            Network = pod.Spec.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
            Pid = pod.Spec.HostPID == true ? NamespaceMode.Node : pod.Spec.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
            Ipc = pod.Spec.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
            Sysctls = (pod.Spec.SecurityContext?.Sysctls ?? []).ToDictionary(s => s.Name, s => s.Value),
            Privileged = (pod.Spec.InitContainers ?? []).Concat(pod.Spec.Containers).Any(c => c.SecurityContext?.Privileged == true),
        };
    }

    public static Dictionary<string, string> Labels(Pod pod)
    {
        var labels = new Dictionary<string, string>(pod.Metadata.Labels ?? [])
        {
            [RuntimeLabels.PodName] = pod.Metadata.Name ?? "",
            [RuntimeLabels.PodNamespace] = pod.Metadata.Namespace ?? "default",
            [RuntimeLabels.PodUid] = pod.Metadata.Uid ?? "",
        };
        return labels;
    }

    /// <summary>spec.hostname or the pod name, truncated to 63 characters as Kubernetes does.</summary>
    public static string Hostname(Pod pod)
    {
        if (pod.Spec.HostNetwork == true) return "";
        var name = string.IsNullOrEmpty(pod.Spec.Hostname) ? pod.Metadata.Name ?? "" : pod.Spec.Hostname;
        return name.Length > 63 ? name[..63].TrimEnd('-', '.') : name;
    }

    private static DnsConfig? Dns(Pod pod, AgentOptions options)
    {
        var policy = pod.Spec.DNSPolicy ?? "ClusterFirst";
        var ns = pod.Metadata.Namespace ?? "default";
        List<string> servers = [];
        List<string> searches = [];
        List<string> opts = [];
        var clusterFirst = (policy == "ClusterFirst" && pod.Spec.HostNetwork != true) || policy == "ClusterFirstWithHostNet";
        if (clusterFirst)
        {
            if (options.ClusterDns.Count > 0)
            {
                servers.AddRange(options.ClusterDns);
                searches.AddRange([$"{ns}.svc.{options.ClusterDomain}", $"svc.{options.ClusterDomain}", options.ClusterDomain]);
                if (!string.IsNullOrEmpty(pod.Spec.Subdomain)) searches.Insert(0, $"{pod.Spec.Subdomain}.{ns}.svc.{options.ClusterDomain}");
                opts.Add("ndots:5");
            }
        }
        if (pod.Spec.DNSConfig is { } extra)
        {
            if (policy == "None") servers.Clear();
            servers.AddRange(extra.Nameservers ?? []);
            searches.AddRange(extra.Searches ?? []);
            opts.AddRange((extra.Options ?? []).Select(o => o.Value is null ? o.Name ?? "" : $"{o.Name}:{o.Value}"));
        }
        return servers.Count == 0 && searches.Count == 0 && opts.Count == 0 ? null : new DnsConfig(servers, searches.Distinct().ToList(), opts.Distinct().ToList());
    }

    private static List<PortMapping> Ports(Pod pod) =>
        pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? [])
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.HostPort is > 0)
            .Select(p => new PortMapping(p.Protocol ?? "TCP", p.ContainerPort, p.HostPort!.Value, p.HostIP ?? ""))
            .ToList();
}
