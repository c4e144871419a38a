using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Orca.ApiServer.Security;

/// <summary>
/// Decides who sent a request from its <c>Authorization</c> header and TLS client certificate.
/// </summary>
/// <remarks>
/// A client certificate is accepted when it chains to the cluster CA (custom root trust, no
/// revocation check, at the injected time) and names the clientAuth extended key usage; the user
/// is its CN and the groups its O values. A bearer token is accepted when it equals a registered
/// token; comparison takes the same time whichever token matches or how much of it does. When both
/// are presented, a valid certificate wins, then a valid token (as kubectl may send both).
/// A header that is not <c>Bearer &lt;token&gt;</c> counts as no token. Thread-safe: tokens may be
/// added while requests are authenticated.
/// </remarks>
public sealed class Authenticator
{
    private static readonly string[] AnonymousPaths = ["/healthz", "/livez", "/readyz", "/version"];

    private readonly X509Certificate2 _clusterCa;
    private readonly TimeProvider _time;
    private readonly Lock _writeLock = new();
    private volatile TokenEntry[] _tokens = [];

    /// <param name="clusterCa">The trust anchor for client certificates (public part is enough). Not owned.</param>
    /// <param name="time">Clock for certificate validity.</param>
    public Authenticator(X509Certificate2 clusterCa, TimeProvider time)
    {
        _clusterCa = clusterCa;
        _time = time;
    }

    /// <summary>An authenticator trusting the cluster CA that knows the admin token.</summary>
    public static Authenticator ForCluster(ClusterPki pki, TimeProvider time)
    {
        var authenticator = new Authenticator(pki.CaCertificate, time);
        authenticator.AddToken(pki.AdminToken, ClusterPki.AdminUser, [ClusterPki.AdminGroup]);
        return authenticator;
    }

    /// <summary>
    /// Registers a bearer token for <paramref name="user"/>. Registering the same token again replaces
    /// its user and groups. <see cref="UserInfo.AuthenticatedGroup"/> is added to the groups.
    /// </summary>
    public void AddToken(string token, string user, IReadOnlyCollection<string> groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var entry = new TokenEntry(Hash(token), WithAuthenticated(user, groups));
        lock (_writeLock)
        {
            var kept = _tokens.Where(t => !CryptographicOperations.FixedTimeEquals(t.Hash, entry.Hash));
            _tokens = [.. kept, entry];
        }
    }

    /// <summary>Authenticates one request. Never throws for bad credentials.</summary>
    /// <param name="authorizationHeader">The raw <c>Authorization</c> header, or null.</param>
    /// <param name="clientCertificate">The TLS client certificate (<c>HttpContext.Connection.ClientCertificate</c>), or null.</param>
    public AuthenticationResult Authenticate(string? authorizationHeader, X509Certificate2? clientCertificate)
    {
        string? certificateFailure = null;
        if (clientCertificate is not null)
        {
            var byCertificate = AuthenticateCertificate(clientCertificate);
            if (byCertificate.IsAuthenticated)
            {
                return byCertificate;
            }

            certificateFailure = byCertificate.Reason;
        }

        var token = ParseBearer(authorizationHeader);
        if (token is not null)
        {
            var user = FindToken(token);
            if (user is not null)
            {
                return AuthenticationResult.Success(user);
            }

            return AuthenticationResult.Rejected(
                certificateFailure is null ? "invalid bearer token" : $"{certificateFailure}; invalid bearer token");
        }

        return certificateFailure is null
            ? AuthenticationResult.NoCredentials
            : AuthenticationResult.Rejected(certificateFailure);
    }

    /// <summary>
    /// True for the paths anyone may read without credentials: /healthz, /livez, /readyz, /version and
    /// anything below them (e.g. /healthz/ping). A query string is ignored.
    /// </summary>
    public static bool IsAnonymousPath(string path)
    {
        var end = path.IndexOfAny(['?', '#']);
        var bare = end < 0 ? path.AsSpan() : path.AsSpan(0, end);
        foreach (var prefix in AnonymousPaths)
        {
            if (bare.StartsWith(prefix, StringComparison.Ordinal)
                && (bare.Length == prefix.Length || bare[prefix.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    private AuthenticationResult AuthenticateCertificate(X509Certificate2 certificate)
    {
        if (!CertificateFactory.HasExtendedKeyUsage(certificate, CertificateFactory.ClientAuthOid))
        {
            return AuthenticationResult.Rejected("client certificate is not valid for client authentication");
        }

        if (!CertificateFactory.ChainsTo(certificate, _clusterCa, _time.GetUtcNow(), CertificateFactory.ClientAuthOid, out var failure))
        {
            return AuthenticationResult.Rejected($"client certificate rejected: {failure}");
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrEmpty(name))
        {
            return AuthenticationResult.Rejected("client certificate has no common name");
        }

        return AuthenticationResult.Success(WithAuthenticated(name, Organizations(certificate.SubjectName)));
    }

    private UserInfo? FindToken(string token)
    {
        var hash = Hash(token);
        UserInfo? found = null;
        foreach (var entry in _tokens)
        {
            // No early exit: the time taken does not reveal which entry matched.
            if (CryptographicOperations.FixedTimeEquals(entry.Hash, hash))
            {
                found = entry.User;
            }
        }

        return found;
    }

    private static string? ParseBearer(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var parts = header.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts[1];
    }

    private static List<string> Organizations(X500DistinguishedName subject)
    {
        const string organizationOid = "2.5.4.10";
        var groups = new List<string>();
        foreach (var rdn in subject.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == organizationOid
                && rdn.GetSingleElementValue() is { Length: > 0 } value)
            {
                groups.Add(value);
            }
        }

        return groups;
    }

    private static UserInfo WithAuthenticated(string user, IEnumerable<string> groups)
    {
        var all = groups.Where(g => g != UserInfo.AuthenticatedGroup).Append(UserInfo.AuthenticatedGroup).ToArray();
        return new UserInfo(user, all);
    }

    /// <summary>Hashing first makes every comparison the same length, so FixedTimeEquals hides the token's length too.</summary>
    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private sealed record TokenEntry(byte[] Hash, UserInfo User);
}
