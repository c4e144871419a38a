using System.Net;
using System.Net.Http.Headers;
using Orca.Api;
using Orca.Api.Json;
using Orca.Api.Meta;

namespace Orca.Client;

/// <summary>
/// A connection to one API server: one pooled HTTP/2-capable <see cref="HttpClient"/> (falling back to
/// HTTP/1.1) shared by every <see cref="ResourceClient{T}"/>. Thread-safe; dispose once when done.
/// </summary>
public sealed class KubeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;

    public KubeClient(KubeClientOptions options)
    {
        options.Validate();
        Options = options;
        _requestTimeout = options.RequestTimeout;
        HttpMessageHandler handler = options.Handler ?? TlsHandler.Create(options);
        _http = new HttpClient(handler, disposeHandler: options.Handler is null)
        {
            BaseAddress = options.Server,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        if (options.BearerToken is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerToken);
    }

    public KubeClientOptions Options { get; }

    /// <summary>A client built from a kubeconfig file's current (or the named) context.</summary>
    public static KubeClient FromKubeconfig(string path, string? context = null) => new(Kubeconfig.Load(path, context));

    /// <summary>The typed client of a registered resource (see <see cref="KnownResources"/>). Cheap; not cached.</summary>
    public ResourceClient<T> Resource<T>() where T : class, IKubeObject => new(this, KnownResources.Of<T>());

    /// <summary>
    /// Sends a request and returns the successful response body. Non-2xx answers throw <see cref="ApiException"/>.
    /// The request is limited by the configured request timeout.
    /// </summary>
    internal async Task<byte[]> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_requestTimeout);
        try
        {
            using var request = NewRequest(method, pathAndQuery, content);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!response.IsSuccessStatusCode) throw ApiException.FromHttp(response.StatusCode, TryStatus(body));
            return body;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {pathAndQuery} did not complete within {_requestTimeout}");
        }
    }

    /// <summary>Starts a streaming request (watch); the caller owns and disposes the response. Non-2xx throws.</summary>
    internal async Task<HttpResponseMessage> StreamAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = NewRequest(HttpMethod.Get, pathAndQuery, null);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            throw ApiException.FromHttp(response.StatusCode, TryStatus(body));
        }
    }

    /// <summary>
    /// A request that asks for HTTP/2 (falling back to HTTP/1.1): a hand-made <see cref="HttpRequestMessage"/> is
    /// HTTP/1.1 unless told otherwise (the client's default version applies only to its own helpers), and over
    /// HTTP/1.1 every concurrent request needs its own TLS connection.
    /// </summary>
    private HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery, HttpContent? content) => new(method, pathAndQuery)
    {
        Content = content,
        Version = _http.DefaultRequestVersion,
        VersionPolicy = _http.DefaultVersionPolicy,
    };

    internal static Status? TryStatus(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : ApiJson.Deserialize<Status>(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
