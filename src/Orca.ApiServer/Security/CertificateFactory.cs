using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orca.ApiServer.Security;

/// <summary>Issues the cluster's ECDSA P-256 certificates. Every returned certificate carries its private key.</summary>
internal static class CertificateFactory
{
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>Back-dating of NotBefore so that peers with a slightly slow clock accept a fresh certificate.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static X509Certificate2 CreateCa(string commonName, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now - ClockSkew, now + lifetime);
    }

    public static X509Certificate2 IssueServer(X509Certificate2 ca, string commonName, SubjectAltNames sans, DateTimeOffset now, TimeSpan lifetime)
    {
        var subject = new X500DistinguishedName($"CN={commonName}");
        return IssueLeaf(ca, subject, ServerAuthOid, sans.ToExtension(), now, lifetime);
    }

    public static X509Certificate2 IssueClient(X509Certificate2 ca, string user, IEnumerable<string> groups, DateTimeOffset now, TimeSpan lifetime)
    {
        var builder = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            builder.AddOrganizationName(group);
        }

        builder.AddCommonName(user);
        return IssueLeaf(ca, builder.Build(), ClientAuthOid, null, now, lifetime);
    }

    private static X509Certificate2 IssueLeaf(
        X509Certificate2 ca, X500DistinguishedName subject, string usageOid, X509Extension? sans, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        var notAfter = now + lifetime;
        if (notAfter > ca.NotAfter)
        {
            notAfter = ca.NotAfter;
        }

        using var publicOnly = request.Create(ca, now - ClockSkew, notAfter, NewSerialNumber());
        return publicOnly.CopyWithPrivateKey(key);
    }

    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive INTEGER
        serial[0] |= 0x01; // no leading zero byte to strip
        return serial;
    }

    /// <summary>Reads a certificate and its PKCS#8 key from PEM files; null when either is missing or unreadable.</summary>
    public static X509Certificate2? TryLoad(string certPath, string keyPath)
    {
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="cert"/> chains to <paramref name="ca"/> at <paramref name="at"/> for <paramref name="usageOid"/>.</summary>
    public static bool ChainsTo(X509Certificate2 cert, X509Certificate2 ca, DateTimeOffset at, string usageOid, out string failure)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(usageOid));
        if (chain.Build(cert))
        {
            failure = "";
            return true;
        }

        failure = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return false;
    }

    /// <summary>True when the certificate names <paramref name="usageOid"/> in an extended key usage extension.</summary>
    public static bool HasExtendedKeyUsage(X509Certificate2 cert, string usageOid)
    {
        foreach (var extension in cert.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension eku)
            {
                foreach (var oid in eku.EnhancedKeyUsages)
                {
                    if (oid.Value == usageOid)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
