using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orca.Api.Core;

namespace Orca.ApiServer.Proxy;

/// <summary>
/// How the API server reaches a node agent's streaming endpoint (logs, exec, attach,
/// port-forward): HTTPS to the node's InternalIP (or the first address) at
/// status.daemonEndpoints.kubeletEndpoint.Port, authenticating with a client certificate the
/// cluster CA signed (the agent checks it). Like kube-apiserver without
/// --kubelet-certificate-authority, the agent's own serving certificate is not verified.
/// Thread-safe; one instance per server.
/// </summary>
internal sealed class NodeConnection(X509Certificate2 clientCertificate) : IDisposable
{
    private readonly HttpClient _http = new(Handler(clientCertificate)) { Timeout = Timeout.InfiniteTimeSpan };

    public HttpClient Http => _http;
    public X509Certificate2 ClientCertificate => clientCertificate;

    /// <summary>The agent's base URL, or null when the node publishes no endpoint.</summary>
    public static Uri? BaseUrl(Node node)
    {
        var port = node.Status.DaemonEndpoints?.KubeletEndpoint?.Port ?? 0;
        if (port <= 0) return null;
        var addresses = node.Status.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Address ?? addresses.FirstOrDefault()?.Address;
        if (string.IsNullOrEmpty(address)) return null;
        var host = address.Contains(':') ? $"[{address}]" : address;
        return new Uri($"https://{host}:{port}");
    }

    public static SslClientAuthenticationOptions TlsOptions(string host, X509Certificate2 clientCertificate) => new()
    {
        TargetHost = host,
        ClientCertificates = [clientCertificate],
        RemoteCertificateValidationCallback = (_, _, _, _) => true,
        ApplicationProtocols = [SslApplicationProtocol.Http11],
    };

    private static SocketsHttpHandler Handler(X509Certificate2 clientCertificate) => new()
    {
        SslOptions = TlsOptions("", clientCertificate),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    };

    public void Dispose() => _http.Dispose();
}
