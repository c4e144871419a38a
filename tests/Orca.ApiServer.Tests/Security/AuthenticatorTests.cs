using Orca.ApiServer.Security;

namespace Orca.ApiServer.Tests.Security;

public sealed class AuthenticatorTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly TempDir _otherDir = new();
    private readonly FakeTime _time = new(DateTimeOffset.UtcNow);
    private readonly ClusterPki _pki;
    private readonly Authenticator _authenticator;

    public AuthenticatorTests()
    {
        _pki = ClusterPki.LoadOrCreate(_dir.Path, [], _time);
        _authenticator = Authenticator.ForCluster(_pki, _time);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
        _otherDir.Dispose();
    }

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("  Bearer   {0}  ")]
    public void Admin_token_authenticates_as_admin(string header)
    {
        var result = _authenticator.Authenticate(string.Format(header, _pki.AdminToken), null);

        Assert.Equal(AuthenticationOutcome.Authenticated, result.Outcome);
        Assert.Equal("kubernetes-admin", result.User!.Name);
        Assert.Equal(["system:masters", "system:authenticated"], result.User.Groups);
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer {0}x")]
    [InlineData("Bearer x{0}")]
    public void Wrong_token_is_rejected(string header)
    {
        var result = _authenticator.Authenticate(string.Format(header, _pki.AdminToken), null);

        Assert.Equal(AuthenticationOutcome.Rejected, result.Outcome);
        Assert.Null(result.User);
        Assert.Equal("invalid bearer token", result.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer a b")]
    public void No_usable_credential_is_anonymous(string? header)
    {
        var result = _authenticator.Authenticate(header, null);

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
        Assert.Null(result.User);
    }

    [Fact]
    public void Added_tokens_carry_their_own_user_and_can_be_replaced()
    {
        _authenticator.AddToken("node-token", "system:node:n1", ["system:nodes"]);
        Assert.Equal("system:node:n1", _authenticator.Authenticate("Bearer node-token", null).User!.Name);

        _authenticator.AddToken("node-token", "system:node:n2", ["system:nodes"]);
        var user = _authenticator.Authenticate("Bearer node-token", null).User!;
        Assert.Equal("system:node:n2", user.Name);
        Assert.Equal(["system:nodes", "system:authenticated"], user.Groups);
        Assert.Equal("kubernetes-admin", _authenticator.Authenticate($"Bearer {_pki.AdminToken}", null).User!.Name);
    }

    [Fact]
    public void Admin_client_certificate_authenticates_with_cn_and_o()
    {
        using var cert = TestCerts.AdminClientCertificate(_pki);

        var result = _authenticator.Authenticate(null, cert);

        Assert.Equal(AuthenticationOutcome.Authenticated, result.Outcome);
        Assert.Equal("kubernetes-admin", result.User!.Name);
        Assert.Equal(["system:masters", "system:authenticated"], result.User.Groups);
    }

    [Fact]
    public void Issued_client_certificates_map_every_organization_to_a_group()
    {
        using var cert = _pki.IssueClientCertificate("system:node:n1", ["system:nodes", "team-a"], TimeSpan.FromDays(1), _time);

        var user = _authenticator.Authenticate(null, cert).User!;

        Assert.Equal("system:node:n1", user.Name);
        Assert.Equal(["system:nodes", "team-a", "system:authenticated"], user.Groups);
    }

    [Fact]
    public void Self_signed_foreign_certificate_is_rejected()
    {
        using var cert = TestCerts.SelfSignedImpostor();

        var result = _authenticator.Authenticate(null, cert);

        Assert.Equal(AuthenticationOutcome.Rejected, result.Outcome);
        Assert.Contains("UntrustedRoot", result.Reason);
    }

    [Fact]
    public void Certificate_signed_by_another_ca_is_rejected()
    {
        using var other = ClusterPki.LoadOrCreate(_otherDir.Path, [], _time);
        using var cert = TestCerts.AdminClientCertificate(other);

        var result = _authenticator.Authenticate(null, cert);

        Assert.Equal(AuthenticationOutcome.Rejected, result.Outcome);
    }

    [Fact]
    public void Serving_certificate_is_not_a_client_credential()
    {
        var result = _authenticator.Authenticate(null, _pki.ServerCertificate);

        Assert.Equal(AuthenticationOutcome.Rejected, result.Outcome);
        Assert.Contains("client authentication", result.Reason);
    }

    [Fact]
    public void Expired_client_certificate_is_rejected()
    {
        using var cert = _pki.IssueClientCertificate("short-lived", [], TimeSpan.FromHours(1), _time);
        _time.Now = _time.Now.AddHours(2);

        var result = _authenticator.Authenticate(null, cert);

        Assert.Equal(AuthenticationOutcome.Rejected, result.Outcome);
        Assert.Contains("NotTimeValid", result.Reason);
    }

    [Fact]
    public void A_valid_token_rescues_a_bad_certificate_and_a_valid_certificate_a_bad_token()
    {
        using var foreign = TestCerts.SelfSignedImpostor();
        using var admin = TestCerts.AdminClientCertificate(_pki);

        Assert.True(_authenticator.Authenticate($"Bearer {_pki.AdminToken}", foreign).IsAuthenticated);
        Assert.True(_authenticator.Authenticate("Bearer wrong", admin).IsAuthenticated);
        var both = _authenticator.Authenticate("Bearer wrong", foreign);
        Assert.Equal(AuthenticationOutcome.Rejected, both.Outcome);
        Assert.Contains("invalid bearer token", both.Reason);
    }

    [Theory]
    [InlineData("/healthz", true)]
    [InlineData("/healthz/ping", true)]
    [InlineData("/livez", true)]
    [InlineData("/readyz", true)]
    [InlineData("/readyz?verbose", true)]
    [InlineData("/readyz/etcd?verbose=1", true)]
    [InlineData("/version", true)]
    [InlineData("/version/", true)]
    [InlineData("/versions", false)]
    [InlineData("/healthzx", false)]
    [InlineData("/api", false)]
    [InlineData("/api/v1/namespaces", false)]
    [InlineData("/", false)]
    [InlineData("", false)]
    [InlineData("/HEALTHZ", false)]
    public void Anonymous_paths(string path, bool anonymous) =>
        Assert.Equal(anonymous, Authenticator.IsAnonymousPath(path));
}
