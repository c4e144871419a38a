using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orca.ApiServer.Security;

/// <summary>
/// The cluster's certificate authority and the credentials issued from it: the API server's
/// serving certificate, the admin client certificate and the admin bearer token.
/// </summary>
/// <remarks>
/// Created once at start-up by <see cref="LoadOrCreate"/>; afterwards immutable and safe to share
/// between threads. Owns its certificates: dispose it when the server stops.
/// </remarks>
public sealed class ClusterPki : IDisposable
{
    /// <summary>User name in the admin client certificate (the certificate's CN).</summary>
    public const string AdminUser = "kubernetes-admin";

    /// <summary>Group of the admin user (the certificate's O); grants everything.</summary>
    public const string AdminGroup = "system:masters";

    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private readonly X509Certificate2 _caWithKey;
    private readonly X509Certificate2 _admin;

    private ClusterPki(PkiPaths paths, X509Certificate2 caWithKey, X509Certificate2 server, X509Certificate2 admin, string adminToken)
    {
        Paths = paths;
        _caWithKey = caWithKey;
        _admin = admin;
        CaCertificate = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        ServerCertificate = server;
        AdminToken = adminToken;
        CaPem = caWithKey.ExportCertificatePem() + "\n";
        AdminClientCertPem = admin.ExportCertificatePem() + "\n";
        AdminClientKeyPem = ExportKeyPem(admin) + "\n";
    }

    /// <summary>Where the PEM files live.</summary>
    public PkiPaths Paths { get; }

    /// <summary>The cluster CA, public part only: use it as the trust anchor for clients and peers.</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The API server's serving certificate with its private key, ready for Kestrel/SslStream.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>Bearer token of <see cref="AdminUser"/> (32 random bytes, base64url without padding).</summary>
    public string AdminToken { get; }

    /// <summary>The CA certificate as PEM (for kubeconfig certificate-authority-data).</summary>
    public string CaPem { get; }

    /// <summary>The admin client certificate as PEM.</summary>
    public string AdminClientCertPem { get; }

    /// <summary>The admin client private key as PKCS#8 PEM.</summary>
    public string AdminClientKeyPem { get; }

    /// <summary>
    /// Loads the PKI from <c>&lt;dataDir&gt;/pki/</c>, creating whatever is missing. A CA that exists is
    /// always kept. The serving certificate is re-issued (same CA) when it is missing, unreadable, not
    /// signed by the CA, expires within 30 days or lacks one of the required names: 127.0.0.1, ::1,
    /// localhost, the host name, kubernetes[.default[.svc[.cluster.local]]] and <paramref name="extraSans"/>
    /// (IP literals become IP SANs, others DNS SANs; 0.0.0.0 and :: are ignored). The admin certificate
    /// is re-issued under the same conditions except the names. Files are written 0600, the directory 0700.
    /// </summary>
    /// <remarks>Not safe against two processes initialising the same data directory at the same time.</remarks>
    /// <exception cref="ArgumentException">An extra SAN is neither an IP address nor a DNS name.</exception>
    /// <exception cref="InvalidDataException">ca.crt/ca.key exist but cannot be read as a CA with its key.</exception>
    public static ClusterPki LoadOrCreate(string dataDir, IReadOnlyCollection<string> extraSans, TimeProvider time)
    {
        var paths = PkiPaths.For(dataDir);
        var required = SubjectAltNames.ForServer(extraSans, Dns.GetHostName());
        SecureFile.EnsurePrivateDirectory(paths.Directory);
        var now = time.GetUtcNow();

        var ca = LoadOrCreateCa(paths, now);
        var server = CertificateFactory.TryLoad(paths.ServerCertificate, paths.ServerKey);
        if (server is null || !IsCurrent(server, ca, now, CertificateFactory.ServerAuthOid) || !SubjectAltNames.Of(server).Covers(required))
        {
            server?.Dispose();
            server = CertificateFactory.IssueServer(ca, "orca-apiserver", required, now, LeafLifetime);
            Save(server, paths.ServerCertificate, paths.ServerKey);
        }

        var admin = CertificateFactory.TryLoad(paths.AdminCertificate, paths.AdminKey);
        if (admin is null || !IsCurrent(admin, ca, now, CertificateFactory.ClientAuthOid))
        {
            admin?.Dispose();
            admin = CertificateFactory.IssueClient(ca, AdminUser, [AdminGroup], now, LeafLifetime);
            Save(admin, paths.AdminCertificate, paths.AdminKey);
        }

        var token = LoadOrCreateToken(paths.AdminToken);
        return new ClusterPki(paths, ca, ForSslStream(server), admin, token);
    }

    /// <summary>
    /// Issues a client certificate for <paramref name="user"/> in <paramref name="groups"/> signed by the
    /// cluster CA (for components such as node agents). Nothing is written to disk; the caller owns the result.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(string user, IReadOnlyCollection<string> groups, TimeSpan lifetime, TimeProvider time) =>
        CertificateFactory.IssueClient(_caWithKey, user, groups, time.GetUtcNow(), lifetime);

    public void Dispose()
    {
        _caWithKey.Dispose();
        _admin.Dispose();
        CaCertificate.Dispose();
        ServerCertificate.Dispose();
    }

    private static X509Certificate2 LoadOrCreateCa(PkiPaths paths, DateTimeOffset now)
    {
        if (File.Exists(paths.CaCertificate) || File.Exists(paths.CaKey))
        {
            return CertificateFactory.TryLoad(paths.CaCertificate, paths.CaKey)
                ?? throw new InvalidDataException(
                    $"Cannot load the cluster CA from {paths.CaCertificate} and {paths.CaKey}; refusing to replace it.");
        }

        var ca = CertificateFactory.CreateCa("orca-ca", now, CaLifetime);
        // The key goes first: a ca.crt without ca.key would make the next start refuse to continue.
        SecureFile.WriteAllText(paths.CaKey, ExportKeyPem(ca) + "\n");
        SecureFile.WriteAllText(paths.CaCertificate, ca.ExportCertificatePem() + "\n");
        return ca;
    }

    private static bool IsCurrent(X509Certificate2 cert, X509Certificate2 ca, DateTimeOffset now, string usageOid) =>
        cert.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore
        && CertificateFactory.ChainsTo(cert, ca, now, usageOid, out _);

    private static void Save(X509Certificate2 cert, string certPath, string keyPath)
    {
        SecureFile.WriteAllText(keyPath, ExportKeyPem(cert) + "\n");
        SecureFile.WriteAllText(certPath, cert.ExportCertificatePem() + "\n");
    }

    private static string LoadOrCreateToken(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        SecureFile.WriteAllText(path, token + "\n");
        return token;
    }

    private static string ExportKeyPem(X509Certificate2 cert)
    {
        using var key = cert.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException($"Certificate {cert.Subject} has no ECDSA private key.");
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>
    /// A certificate whose key came from PEM holds an ephemeral key, which some TLS stacks refuse for a
    /// server (Windows SChannel; older OpenSSL paths). A PKCS#12 round trip gives a normal key on every platform.
    /// </summary>
    private static X509Certificate2 ForSslStream(X509Certificate2 cert)
    {
        using (cert)
        {
            var pfx = cert.Export(X509ContentType.Pkcs12);
            try
            {
                return X509CertificateLoader.LoadPkcs12(pfx, null);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pfx);
            }
        }
    }
}
