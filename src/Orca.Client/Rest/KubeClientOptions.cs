namespace Orca.Client;

/// <summary>How to reach and authenticate to an API server. Checked by <see cref="Validate"/> when a client is built.</summary>
public sealed record KubeClientOptions
{
    /// <summary>The API server's base URL, e.g. https://127.0.0.1:6443. Required.</summary>
    public required Uri Server { get; init; }

    /// <summary>PEM of the cluster CA; the server certificate must chain to it and only to it. Required for https unless <see cref="InsecureSkipTlsVerify"/>.</summary>
    public string? CaPem { get; init; }

    /// <summary>Accept any server certificate (tests and debugging only). Default false.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Sent as "Authorization: Bearer ..." on every request.</summary>
    public string? BearerToken { get; init; }

    /// <summary>PEM of a client certificate and its key, for certificate authentication.</summary>
    public string? ClientCertificatePem { get; init; }
    public string? ClientKeyPem { get; init; }

    /// <summary>Limit of one non-watch request. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit of establishing a TCP+TLS connection. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The User-Agent header. Default "orca-client".</summary>
    public string UserAgent { get; init; } = "orca-client";

    /// <summary>
    /// A transport to use instead of the TLS socket handler (e.g. an in-process transport). The client does
    /// not dispose it; TLS and client-certificate options are then ignored.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    public void Validate()
    {
        if (!Server.IsAbsoluteUri) throw new ArgumentException($"server URL {Server} must be absolute");
        if (Handler is null && Server.Scheme == Uri.UriSchemeHttps && CaPem is null && !InsecureSkipTlsVerify)
            throw new ArgumentException("an https server needs a CA (CaPem) or InsecureSkipTlsVerify");
        if ((ClientCertificatePem is null) != (ClientKeyPem is null))
            throw new ArgumentException("a client certificate needs both its certificate and key PEM");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("RequestTimeout must be positive");
    }
}
