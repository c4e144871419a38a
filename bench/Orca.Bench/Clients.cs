using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Orca.Bench;

/// <summary>
/// HttpClients that trust only the cluster CA and send the admin bearer token. Each client owns its
/// handler, so one client = one connection pool (for HTTP/2: one TCP+TLS connection, more only past the
/// server's concurrent-stream limit).
/// </summary>
internal static class Clients
{
    public static HttpClient Create(Kubeconfig config, Version http, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, errors) => Trusts(config.Ca, cert, errors) },
            EnableMultipleHttp2Connections = true,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = config.Server,
            DefaultRequestVersion = http,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.Token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("orca-bench/0.1");
        return client;
    }

    public static Version ParseVersion(string? text) => text switch
    {
        null or "2" or "2.0" => HttpVersion.Version20,
        "1.1" or "1" => HttpVersion.Version11,
        _ => throw new ArgumentException($"--http must be 1.1 or 2, not {text}"),
    };

    private static bool Trusts(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(presented);
        return chain.Build(leaf);
    }
}
