using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Orca.ApiServer.Security;

/// <summary>Kestrel set-up for the API server's HTTPS endpoint.</summary>
public static class KestrelTlsExtensions
{
    /// <summary>
    /// Listens on <paramref name="bind"/>:<paramref name="port"/> (0 = any free port) with TLS 1.2+, HTTP/1.1
    /// and HTTP/2 (ALPN; HTTP/1.1 is what kubectl uses for exec/attach/port-forward upgrades) and the
    /// cluster's serving certificate. Client certificates are requested but optional, and any certificate
    /// is let through the handshake: <see cref="Authenticator"/> judges it per request from
    /// <c>HttpContext.Connection.ClientCertificate</c>, so clients with only a token still connect.
    /// </summary>
    public static void ConfigureHttps(this KestrelServerOptions options, IPAddress bind, int port, ClusterPki pki)
    {
        options.Listen(bind, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(CreateHttpsOptions(pki));
        });
    }

    /// <summary>The TLS settings <see cref="ConfigureHttps"/> applies, for callers that build listeners themselves.</summary>
    public static HttpsConnectionAdapterOptions CreateHttpsOptions(ClusterPki pki) => new()
    {
        ServerCertificate = pki.ServerCertificate,
        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
        ClientCertificateValidation = static (_, _, _) => true,
        CheckCertificateRevocation = false,
    };
}
