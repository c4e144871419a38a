using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Orca.ApiServer.Security;

namespace Orca.ApiServer.Tests.Security;

public sealed class TlsRoundTripTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ClusterPki _pki = null!;
    private TlsTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _pki = ClusterPki.LoadOrCreate(_dir.Path, [], TimeProvider.System);
        _server = await TlsTestServer.StartAsync(_pki);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _pki.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Token_authenticates_over_tls_trusting_only_the_cluster_ca()
    {
        using var client = Client(_pki.CaCertificate, clientCertificate: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api");
        request.Headers.Authorization = new("Bearer", _pki.AdminToken);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("kubernetes-admin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admin_client_certificate_authenticates_over_tls()
    {
        using var cert = TestCerts.AdminClientCertificate(_pki);
        using var client = Client(_pki.CaCertificate, cert);

        using var response = await client.GetAsync("/api");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("kubernetes-admin", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Foreign_client_certificate_passes_the_handshake_but_not_authentication()
    {
        using var cert = TestCerts.SelfSignedImpostor();
        using var client = Client(_pki.CaCertificate, cert);

        using var response = await client.GetAsync("/api");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(_server.Seen, r => r.Outcome == AuthenticationOutcome.Rejected);
    }

    [Theory]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/readyz?verbose", HttpStatusCode.OK)]
    [InlineData("/api", HttpStatusCode.Unauthorized)]
    public async Task Anonymous_caller_connects_and_reaches_only_public_paths(string path, HttpStatusCode expected)
    {
        using var client = Client(_pki.CaCertificate, clientCertificate: null);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Both_http_versions_are_offered(string version)
    {
        using var client = Client(_pki.CaCertificate, clientCertificate: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz")
        {
            Version = Version.Parse(version),
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(Version.Parse(version), response.Version);
    }

    [Fact]
    public async Task A_client_trusting_another_ca_refuses_the_server()
    {
        using var otherDir = new TempDir();
        using var other = ClusterPki.LoadOrCreate(otherDir.Path, [], TimeProvider.System);
        using var client = Client(other.CaCertificate, clientCertificate: null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/healthz"));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    private HttpClient Client(X509Certificate2 trustedCa, X509Certificate2? clientCertificate)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 leaf && ChainsAndNamesLocalhost(leaf, trustedCa),
        };
        if (clientCertificate is not null)
        {
            ssl.ClientCertificates = [clientCertificate];
        }

        var handler = new SocketsHttpHandler { SslOptions = ssl };
        return new HttpClient(handler) { BaseAddress = _server.BaseAddress };
    }

    private static bool ChainsAndNamesLocalhost(X509Certificate2 leaf, X509Certificate2 trustedCa) =>
        TestCerts.ChainsTo(leaf, trustedCa) && leaf.MatchesHostname("127.0.0.1");
}
