using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Orca.Client;

/// <summary>Builds the socket transport: TLS that trusts only the cluster CA, optional client certificate.</summary>
internal static class TlsHandler
{
    public static SocketsHttpHandler Create(KubeClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        if (options.InsecureSkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (options.CaPem is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(options.CaPem);
            if (roots.Count == 0) throw new ArgumentException("CaPem holds no certificate");
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) => Verify(roots, cert, errors);
        }
        if (options.ClientCertificatePem is not null)
        {
            using var ephemeral = X509Certificate2.CreateFromPem(options.ClientCertificatePem, options.ClientKeyPem);
            // Re-import so the private key is usable by SslStream on every platform.
            var cert = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { cert };
        }
        return handler;
    }

    /// <summary>
    /// The server certificate must carry the requested host name and chain to one of <paramref name="roots"/>;
    /// the machine's trust store is not consulted, so a publicly trusted certificate is rejected.
    /// </summary>
    private static bool Verify(X509Certificate2Collection roots, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var cert = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(cert);
    }
}
