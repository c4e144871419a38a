using System.Net;
using System.Security.Cryptography.X509Certificates;
using Orca.ApiServer.Security;

namespace Orca.ApiServer.Tests.Security;

public sealed class ClusterPkiTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTime _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _dir.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void First_start_writes_every_file_owner_only()
    {
        using var pki = ClusterPki.LoadOrCreate(_dir.Path, [], _time);

        var paths = pki.Paths;
        string[] files =
        [
            paths.CaCertificate, paths.CaKey, paths.ServerCertificate, paths.ServerKey,
            paths.AdminCertificate, paths.AdminKey, paths.AdminToken,
        ];
        Assert.Equal(Path.Combine(_dir.Path, "pki"), paths.Directory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(paths.Directory));
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(files.Length, Directory.GetFiles(paths.Directory).Length); // no temp files left behind
        Assert.Equal(pki.AdminToken, File.ReadAllText(paths.AdminToken).Trim());
        Assert.Equal(43, pki.AdminToken.Length); // 32 bytes, base64url without padding
    }

    [Fact]
    public void Ca_is_a_ten_year_signing_authority_without_exposing_its_key()
    {
        using var pki = ClusterPki.LoadOrCreate(_dir.Path, [], _time);

        var ca = pki.CaCertificate;
        Assert.False(ca.HasPrivateKey);
        var constraints = Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        var usage = Assert.Single(ca.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.True(ca.NotAfter.ToUniversalTime() > _time.Now.UtcDateTime.AddYears(10).AddDays(-5));
        Assert.Contains("BEGIN CERTIFICATE", pki.CaPem);
    }

    [Fact]
    public void Server_certificate_names_the_defaults_and_extras_and_chains_to_the_ca()
    {
        using var pki = ClusterPki.LoadOrCreate(_dir.Path, ["10.1.2.3", "api.example.test", "0.0.0.0"], _time);

        var server = pki.ServerCertificate;
        Assert.True(server.HasPrivateKey);
        Assert.True(TestCerts.ChainsTo(server, pki.CaCertificate));
        var (dns, ips) = Sans(server);
        Assert.Superset(
            new HashSet<string> { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local", "api.example.test", Dns.GetHostName().ToLowerInvariant() },
            dns);
        Assert.Equal(new HashSet<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("10.1.2.3") }, ips);
        var eku = Assert.Single(server.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
        Assert.InRange((server.NotAfter.ToUniversalTime() - _time.Now.UtcDateTime).TotalDays, 364, 366);
    }

    [Fact]
    public void Admin_certificate_is_a_system_masters_client_certificate()
    {
        using var pki = ClusterPki.LoadOrCreate(_dir.Path, [], _time);
        using var admin = TestCerts.AdminClientCertificate(pki);

        Assert.True(TestCerts.ChainsTo(admin, pki.CaCertificate));
        Assert.Equal("kubernetes-admin", admin.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Contains("O=system:masters", admin.Subject);
        var eku = Assert.Single(admin.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal("1.3.6.1.5.5.7.3.2", Assert.Single(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
        Assert.Contains("BEGIN PRIVATE KEY", pki.AdminClientKeyPem);
    }

    [Fact]
    public void Second_start_loads_everything_unchanged()
    {
        string ca, server, admin, token;
        using (var first = ClusterPki.LoadOrCreate(_dir.Path, ["10.1.2.3"], _time))
        {
            (ca, server, admin, token) = (first.CaCertificate.Thumbprint, first.ServerCertificate.Thumbprint, first.AdminClientCertPem, first.AdminToken);
        }

        _time.Now = _time.Now.AddDays(100);
        using var second = ClusterPki.LoadOrCreate(_dir.Path, ["10.1.2.3"], _time);

        Assert.Equal(ca, second.CaCertificate.Thumbprint);
        Assert.Equal(server, second.ServerCertificate.Thumbprint);
        Assert.Equal(admin, second.AdminClientCertPem);
        Assert.Equal(token, second.AdminToken);
        Assert.True(second.ServerCertificate.HasPrivateKey);
    }

    [Fact]
    public void A_new_bind_address_reissues_only_the_serving_certificate()
    {
        string ca, server, admin;
        using (var first = ClusterPki.LoadOrCreate(_dir.Path, [], _time))
        {
            (ca, server, admin) = (first.CaCertificate.Thumbprint, first.ServerCertificate.Thumbprint, first.AdminClientCertPem);
        }

        using var second = ClusterPki.LoadOrCreate(_dir.Path, ["192.168.7.9", "[fd00::7]"], _time);

        Assert.Equal(ca, second.CaCertificate.Thumbprint);
        Assert.NotEqual(server, second.ServerCertificate.Thumbprint);
        Assert.Equal(admin, second.AdminClientCertPem);
        Assert.Contains(IPAddress.Parse("192.168.7.9"), Sans(second.ServerCertificate).Ips);
        Assert.Contains(IPAddress.Parse("fd00::7"), Sans(second.ServerCertificate).Ips);
        Assert.True(TestCerts.ChainsTo(second.ServerCertificate, second.CaCertificate));
    }

    [Theory]
    [InlineData(300, false)]
    [InlineData(340, true)] // within 30 days of the one-year expiry
    [InlineData(400, true)] // already expired
    public void Leaf_certificates_are_renewed_near_expiry_with_the_same_ca(int daysLater, bool renewed)
    {
        string ca, server, admin;
        using (var first = ClusterPki.LoadOrCreate(_dir.Path, [], _time))
        {
            (ca, server, admin) = (first.CaCertificate.Thumbprint, first.ServerCertificate.Thumbprint, first.AdminClientCertPem);
        }

        _time.Now = _time.Now.AddDays(daysLater);
        using var later = ClusterPki.LoadOrCreate(_dir.Path, [], _time);

        Assert.Equal(ca, later.CaCertificate.Thumbprint);
        Assert.Equal(renewed, server != later.ServerCertificate.Thumbprint);
        Assert.Equal(renewed, admin != later.AdminClientCertPem);
    }

    [Fact]
    public void Missing_leaf_files_are_reissued_from_the_existing_ca()
    {
        string ca;
        using (var first = ClusterPki.LoadOrCreate(_dir.Path, [], _time))
        {
            ca = first.CaCertificate.Thumbprint;
            File.Delete(first.Paths.ServerKey);
            File.WriteAllText(first.Paths.AdminCertificate, "garbage");
        }

        using var second = ClusterPki.LoadOrCreate(_dir.Path, [], _time);

        Assert.Equal(ca, second.CaCertificate.Thumbprint);
        Assert.True(TestCerts.ChainsTo(second.ServerCertificate, second.CaCertificate));
        using var admin = TestCerts.AdminClientCertificate(second);
        Assert.True(TestCerts.ChainsTo(admin, second.CaCertificate));
    }

    [Fact]
    public void An_unreadable_ca_is_never_silently_replaced()
    {
        using (ClusterPki.LoadOrCreate(_dir.Path, [], _time))
        {
        }

        File.WriteAllText(PkiPaths.For(_dir.Path).CaKey, "not a key");

        Assert.Throws<InvalidDataException>(() => ClusterPki.LoadOrCreate(_dir.Path, [], _time));
    }

    [Fact]
    public void An_extra_name_that_is_neither_ip_nor_dns_is_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => ClusterPki.LoadOrCreate(_dir.Path, ["not a host/name"], _time));
    }

    private static (HashSet<string> Dns, HashSet<IPAddress> Ips) Sans(X509Certificate2 cert)
    {
        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        return (san.EnumerateDnsNames().ToHashSet(), san.EnumerateIPAddresses().ToHashSet());
    }
}
