using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Orca.Agent.Pods;

namespace Orca.Agent.Probes;

/// <summary>
/// A grpc probe: one grpc.health.v1.Health/Check call over HTTP/2 cleartext with prior knowledge (as
/// grpc-go dials without TLS), on a connection of its own, within the probe's timeout. Outcomes are
/// results whose messages read like the kubelet's. Stateless; thread-safe.
/// </summary>
internal static class GrpcProbe
{
    public static async Task<ActionResult> CheckAsync(string host, int port, string service, TimeSpan timeout, CancellationToken ct)
    {
        var address = host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";
        var within = GoDuration.Format(timeout);
        var connected = false;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    connected = true;
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = Request(address, service, timeout);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            return Interpret(response, body, within);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return connected
                ? new ActionResult(false, $"timeout: health rpc did not complete within {within}")
                : new ActionResult(false, $"timeout: failed to connect service \"{address}\" within {within}: context deadline exceeded");
        }
        catch (HttpRequestException e)
        {
            var cause = e.InnerException is SocketException s ? s.Message : e.Message;
            return connected
                ? new ActionResult(false, $"error: health rpc probe failed: rpc error: code = Unavailable desc = {cause}")
                : new ActionResult(false, $"error: failed to connect service at \"{address}\": {cause}");
        }
    }

    private static HttpRequestMessage Request(string address, string service, TimeSpan timeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://{address}{GrpcHealth.CheckPath}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcHealth.EncodeRequest(service)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("grpc-timeout", $"{Math.Max(1, (long)timeout.TotalMilliseconds)}m");
        request.Headers.UserAgent.ParseAdd("kube-probe/1.32");
        return request;
    }

    /// <summary>The call's outcome from the HTTP status, grpc-status (trailers, or headers of a trailers-only answer) and the message.</summary>
    private static ActionResult Interpret(HttpResponseMessage response, byte[] body, string within)
    {
        var (code, description) = Status(response);
        if (code == 0)
        {
            return GrpcHealth.Unframe(body) is { } message && GrpcHealth.DecodeStatus(message) is { } status
                ? status == 1 ? new ActionResult(true, "service is serving") : new ActionResult(false, $"service unhealthy (responded with \"{GrpcHealth.StatusName(status)}\")")
                : new ActionResult(false, "error: health rpc probe failed: rpc error: code = Internal desc = the response holds no HealthCheckResponse");
        }
        return code switch
        {
            12 => new ActionResult(false, $"error: this server does not implement the grpc health protocol (grpc.health.v1.Health): {description}"),
            4 => new ActionResult(false, $"timeout: health rpc did not complete within {within}"),
            _ => new ActionResult(false, $"error: health rpc probe failed: rpc error: code = {GrpcHealth.CodeName(code)} desc = {description}"),
        };
    }

    /// <summary>
    /// grpc-status and grpc-message; an answer that is not gRPC maps its HTTP status to a code as gRPC
    /// clients do (404 → Unimplemented, 503 → Unavailable…).
    /// </summary>
    private static (int Code, string Description) Status(HttpResponseMessage response)
    {
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.FirstOrDefault()
            : response.Headers.TryGetValues(name, out var h) ? h.FirstOrDefault() : null;
        var http = (int)response.StatusCode;
        if (http != 200)
        {
            var mapped = http switch { 400 => 13, 401 => 16, 403 => 7, 404 => 12, 429 or 502 or 503 or 504 => 14, _ => 2 };
            return (mapped, $"unexpected HTTP status code received from server: {http} ({response.ReasonPhrase})");
        }
        if (Header("grpc-status") is not { } text || !int.TryParse(text, out var code))
            return (13, "server closed the stream without sending trailers");
        return (code, Uri.UnescapeDataString(Header("grpc-message") ?? ""));
    }
}
