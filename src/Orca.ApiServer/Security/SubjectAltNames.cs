using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Orca.ApiServer.Security;

/// <summary>
/// The DNS names and IP addresses a serving certificate must name. DNS names are compared
/// case-insensitively and stored lower-case; unspecified addresses (0.0.0.0, ::) are dropped
/// because no client dials them.
/// </summary>
internal sealed class SubjectAltNames
{
    private static readonly string[] DefaultDnsNames =
    [
        "localhost",
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local",
    ];

    private readonly SortedSet<string> _dnsNames = new(StringComparer.Ordinal);
    private readonly HashSet<IPAddress> _ips = [];

    public IReadOnlyCollection<string> DnsNames => _dnsNames;

    public IReadOnlyCollection<IPAddress> IpAddresses => _ips;

    /// <summary>The defaults (loopback, localhost, this host's name, the kubernetes service names) plus <paramref name="extra"/>.</summary>
    public static SubjectAltNames ForServer(IEnumerable<string> extra, string hostName)
    {
        var sans = new SubjectAltNames();
        sans._ips.Add(IPAddress.Loopback);
        sans._ips.Add(IPAddress.IPv6Loopback);
        foreach (var name in DefaultDnsNames)
        {
            sans._dnsNames.Add(name);
        }

        sans.TryAdd(hostName);
        foreach (var name in extra)
        {
            if (!sans.TryAdd(name))
            {
                throw new ArgumentException($"'{name}' is neither an IP address nor a DNS name.", nameof(extra));
            }
        }

        return sans;
    }

    /// <summary>Reads the SAN extension of <paramref name="cert"/>; empty when it has none.</summary>
    public static SubjectAltNames Of(X509Certificate2 cert)
    {
        var sans = new SubjectAltNames();
        foreach (var extension in cert.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (var dns in san.EnumerateDnsNames())
                {
                    sans._dnsNames.Add(dns.ToLowerInvariant());
                }

                foreach (var ip in san.EnumerateIPAddresses())
                {
                    sans._ips.Add(ip);
                }
            }
        }

        return sans;
    }

    /// <summary>
    /// Adds a name: an IP literal (brackets allowed) becomes an IP SAN, a host name a DNS SAN.
    /// Blank names are ignored; false when the name is neither.
    /// </summary>
    public bool TryAdd(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (IPAddress.TryParse(trimmed.Trim('[', ']'), out var ip))
        {
            if (!ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any))
            {
                // SANs carry neither a scope id nor the IPv4-mapped form of an IPv4 address.
                _ips.Add(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : new IPAddress(ip.GetAddressBytes()));
            }

            return true;
        }

        if (Uri.CheckHostName(trimmed) != UriHostNameType.Dns)
        {
            return false;
        }

        _dnsNames.Add(trimmed.ToLowerInvariant());
        return true;
    }

    /// <summary>True when every name in <paramref name="required"/> is also in this set.</summary>
    public bool Covers(SubjectAltNames required) =>
        required._dnsNames.IsSubsetOf(_dnsNames) && required._ips.IsSubsetOf(_ips);

    public X509Extension ToExtension()
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var dns in _dnsNames)
        {
            builder.AddDnsName(dns);
        }

        foreach (var ip in _ips)
        {
            builder.AddIpAddress(ip);
        }

        return builder.Build(critical: false);
    }
}
