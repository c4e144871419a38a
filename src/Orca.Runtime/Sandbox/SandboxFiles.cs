using System.Text;

namespace Orca.Runtime.Sandbox;

/// <summary>The per-sandbox /etc/hosts, /etc/resolv.conf and /etc/hostname every container bind-mounts.</summary>
internal sealed record SandboxFiles(string Directory)
{
    public string Hosts => Path.Combine(Directory, "hosts");
    public string ResolvConf => Path.Combine(Directory, "resolv.conf");
    public string Hostname => Path.Combine(Directory, "hostname");

    /// <summary>Writes /etc/hostname and /etc/resolv.conf (known before the pod has an IP).</summary>
    public void WriteIdentity(PodSandboxConfig config, string hostname)
    {
        File.WriteAllText(Hostname, hostname + "\n");
        File.WriteAllText(ResolvConf, ResolvConfText(config));
    }

    /// <summary>Writes /etc/hosts: localhost, and the pod's hostname on its IP when it has one (not with host networking).</summary>
    public void WriteHosts(string hostname, string? ip)
    {
        var hosts = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        if (ip is not null)
            hosts.Append(ip).Append('\t').Append(hostname).Append('\n');
        File.WriteAllText(Hosts, hosts.ToString());
    }

    /// <summary>The pod's DNS config when it names servers; otherwise the host's resolv.conf.</summary>
    private static string ResolvConfText(PodSandboxConfig config)
    {
        if (config.Dns is not { Servers.Count: > 0 } dns)
            return File.Exists("/etc/resolv.conf") ? File.ReadAllText("/etc/resolv.conf") : "";
        var text = new StringBuilder();
        foreach (var server in dns.Servers)
            text.Append("nameserver ").Append(server).Append('\n');
        if (dns.Searches.Count > 0)
            text.Append("search ").Append(string.Join(' ', dns.Searches)).Append('\n');
        if (dns.Options.Count > 0)
            text.Append("options ").Append(string.Join(' ', dns.Options)).Append('\n');
        return text.ToString();
    }
}
