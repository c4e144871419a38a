using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Orca.Api.Core;
using Orca.ApiServer.Handlers;
using Orca.ApiServer.Http;
using Orca.ApiServer.Registry;

namespace Orca.ApiServer.Proxy;

/// <summary>
/// pods/log, exec, attach and portforward, proxied to the agent of the pod's node at kubelet's
/// paths (/containerLogs/ns/pod/container, /exec/ns/pod/container, /attach/…, /portForward/ns/pod).
/// Logs stream through as plain HTTP; upgrades (WebSocket or SPDY) are answered by the agent and,
/// once it switched protocols, bytes are copied both ways until either side closes — the API
/// server never interprets the stream. Errors before that are metav1.Status answers.
/// </summary>
internal sealed class PodStreamingProxy(string subresource, Func<ResourceStore> nodes, NodeConnection connection) : ISubresourceHandler
{
    public async Task HandleAsync(SubresourceRequest r)
    {
        var ct = r.Context.RequestAborted;
        var pod = (Pod)(await r.Store.GetAsync(r.Namespace, r.Info.Name, ct)).Object;
        var container = r.Context.Request.Query["container"].FirstOrDefault();
        if (subresource != "portforward") container = ResolveContainer(pod, container);
        if (string.IsNullOrEmpty(pod.Spec.NodeName))
            throw ApiErrors.BadRequest($"pod {pod.Metadata.Name} does not have a host assigned");
        var node = await nodes().TryGetAsync("", pod.Spec.NodeName, ct);
        var baseUrl = node is null ? null : NodeConnection.BaseUrl((Node)node.Object);
        if (baseUrl is null)
            throw ApiErrors.ServiceUnavailable($"no agent endpoint is known for node \"{pod.Spec.NodeName}\"");
        var path = subresource switch
        {
            "log" => $"/containerLogs/{pod.Metadata.Namespace}/{pod.Metadata.Name}/{container}",
            "portforward" => $"/portForward/{pod.Metadata.Namespace}/{pod.Metadata.Name}",
            _ => $"/{subresource}/{pod.Metadata.Namespace}/{pod.Metadata.Name}/{container}",
        };
        var target = new Uri(baseUrl, path + r.Context.Request.QueryString.Value);
        if (subresource == "log") await ProxyLogsAsync(r.Context, target, ct);
        else await ProxyUpgradeAsync(r.Context, target, ct);
    }

    /// <summary>kubectl always names the container; without one a pod with one container is unambiguous.</summary>
    private static string ResolveContainer(Pod pod, string? container)
    {
        var names = pod.Spec.Containers.Select(c => c.Name)
            .Concat(pod.Spec.InitContainers?.Select(c => c.Name) ?? [])
            .Concat(pod.Spec.EphemeralContainers?.Select(c => c.Name) ?? []).ToList();
        if (string.IsNullOrEmpty(container))
        {
            if (pod.Spec.Containers.Count == 1) return pod.Spec.Containers[0].Name;
            throw ApiErrors.BadRequest($"a container name must be specified for pod {pod.Metadata.Name}, choose one of: [{string.Join(" ", pod.Spec.Containers.Select(c => c.Name))}]");
        }
        return names.Contains(container) ? container : throw ApiErrors.BadRequest($"container {container} is not valid for pod {pod.Metadata.Name}");
    }

    private async Task ProxyLogsAsync(HttpContext context, Uri target, CancellationToken ct)
    {
        using var response = await Send(() => connection.Http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, ct), target);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), ct);
            await context.Response.Body.FlushAsync(ct);
        }
    }

    private static async Task<HttpResponseMessage> Send(Func<Task<HttpResponseMessage>> send, Uri target)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw ApiErrors.ServiceUnavailable($"error dialing the agent at {target.Authority}: {e.Message}");
        }
    }

    /// <summary>
    /// Replays the client's upgrade request to the agent over a fresh TLS connection; when the agent
    /// answers 101 the client connection is upgraded too and both streams are spliced.
    /// </summary>
    private async Task ProxyUpgradeAsync(HttpContext context, Uri target, CancellationToken ct)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
            throw ApiErrors.BadRequest($"Upgrade request required for {subresource}");
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(target.Host.Trim('[', ']'), target.Port, ct);
        }
        catch (SocketException e)
        {
            throw ApiErrors.ServiceUnavailable($"error dialing the agent at {target.Authority}: {e.Message}");
        }
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(NodeConnection.TlsOptions(target.Host, connection.ClientCertificate), ct);
        await tls.WriteAsync(Encoding.ASCII.GetBytes(RequestHead(context, target)), ct);
        var (status, head, rest) = await ReadResponseHeadAsync(tls, ct);
        if (status != 101)
        {
            var body = await AgentErrorBody.ReadAsync(tls, head, rest, ct);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, ct);
            return;
        }
        // Kestrel's UpgradeAsync sets only "Connection: Upgrade"; the agent's Upgrade header (websocket or
        // SPDY/3.1) must be passed on or the client rejects the handshake.
        foreach (var (name, value) in head)
        {
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Date", StringComparison.OrdinalIgnoreCase)) continue;
            context.Response.Headers.Append(name, value);
        }
        await using var client = await upgrade.UpgradeAsync();
        if (rest.Length > 0) await client.WriteAsync(rest, ct);
        var toAgent = PumpAsync(client, tls, ct);
        var toClient = PumpAsync(tls, client, ct);
        // The agent ends the session (final status, close frame, EOF); a client that half-closes its side
        // (stdin done) still gets everything the agent sends until then.
        await toClient;
        await Task.WhenAny(toAgent, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
    }

    /// <summary>Copies until EOF, flushing every write (upgraded streams buffer otherwise); I/O errors just end the copy.</summary>
    private static async Task PumpAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, n), ct);
                await to.FlushAsync(ct);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
        }
    }

    private static string RequestHead(HttpContext context, Uri target)
    {
        var sb = new StringBuilder();
        sb.Append(context.Request.Method).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(target.Authority).Append("\r\n");
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var v in values) sb.Append(name).Append(": ").Append(v).Append("\r\n");
        }
        sb.Append("\r\n");
        return sb.ToString();
    }

    /// <summary>Reads the agent's status line and headers; returns any bytes read past them.</summary>
    private static async Task<(int Status, List<(string, string)> Headers, byte[] Remainder)> ReadResponseHeadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var n = await stream.ReadAsync(chunk, ct);
            if (n == 0) throw ApiErrors.ServiceUnavailable("the agent closed the connection");
            buffer.AddRange(chunk.AsSpan(0, n));
            var text = buffer.ToArray();
            var end = IndexOfHeaderEnd(text);
            if (end < 0)
            {
                if (buffer.Count > 64 * 1024) throw ApiErrors.ServiceUnavailable("the agent sent an oversized response head");
                continue;
            }
            var lines = Encoding.ASCII.GetString(text, 0, end).Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Where(l => l.Contains(':')).Select(l => (l[..l.IndexOf(':')].Trim(), l[(l.IndexOf(':') + 1)..].Trim())).ToList();
            return (status, headers, text[(end + 4)..]);
        }
    }

    private static int IndexOfHeaderEnd(byte[] data)
    {
        for (var i = 0; i + 3 < data.Length; i++)
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') return i;
        return -1;
    }
}
