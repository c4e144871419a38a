using System.Net.Sockets;
using System.Text;
using Orca.Api;
using Orca.Api.Core;
using Orca.Runtime;

namespace Orca.Agent.Probes;

/// <summary>The outcome of one probe or hook run; a failure carries Kubernetes-like output text.</summary>
internal sealed record ActionResult(bool Success, string Message)
{
    public static readonly ActionResult Ok = new(true, "");
}

/// <summary>
/// Runs exec, httpGet and tcpSocket actions (probes and hooks) against a container: exec through the
/// runtime's ExecSync, network actions to the pod IP (127.0.0.1 under hostNetwork or when the pod has
/// no IP). Expected failures (non-zero exit, refused connection, bad HTTP status, timeout) are results;
/// thread-safe.
/// </summary>
internal sealed class ProbeActions(IRuntimeService runtime, HttpClient http)
{
    public async Task<ActionResult> ExecAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            var r = await runtime.ExecSyncAsync(containerId, command, timeout, ct);
            var output = Encoding.UTF8.GetString(r.Stdout) + Encoding.UTF8.GetString(r.Stderr);
            return r.ExitCode == 0 ? new ActionResult(true, output) : new ActionResult(false, output.Length > 0 ? output : $"command {string.Join(' ', command.Select(a => $"\"{a}\""))} exited with {r.ExitCode}");
        }
        catch (TimeoutException)
        {
            return new ActionResult(false, $"command timed out after {timeout.TotalSeconds}s");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return new ActionResult(false, e.Message);
        }
    }

    public async Task<ActionResult> HttpGetAsync(Pod pod, Container c, HTTPGetAction action, TimeSpan timeout, CancellationToken ct)
    {
        var host = string.IsNullOrEmpty(action.Host) ? Host(pod) : action.Host;
        var port = ResolvePort(c, action.Port);
        var scheme = (action.Scheme ?? "HTTP").ToLowerInvariant();
        var path = string.IsNullOrEmpty(action.Path) ? "/" : action.Path.StartsWith('/') ? action.Path : "/" + action.Path;
        var url = $"{scheme}://{(host.Contains(':') ? $"[{host}]" : host)}:{port}{path}";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.UserAgent.ParseAdd("kube-probe/1.32");
            foreach (var h in action.HttpHeaders ?? []) request.Headers.TryAddWithoutValidation(h.Name, h.Value);
            using var response = await http.SendAsync(request, cts.Token);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400 ? ActionResult.Ok : new ActionResult(false, $"HTTP probe failed with statuscode: {code}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ActionResult(false, $"Get \"{url}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return new ActionResult(false, $"Get \"{url}\": {e.Message}");
        }
    }

    public static async Task<ActionResult> TcpAsync(Pod pod, Container c, TCPSocketAction action, TimeSpan timeout, CancellationToken ct)
    {
        var host = string.IsNullOrEmpty(action.Host) ? Host(pod) : action.Host;
        var port = ResolvePort(c, action.Port);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cts.Token);
            return ActionResult.Ok;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new ActionResult(false, $"dial tcp {host}:{port}: {(e is SocketException s ? s.Message : "i/o timeout")}");
        }
    }

    /// <summary>Where network probes go: the pod IP, or 127.0.0.1 under hostNetwork or before the pod has an IP.</summary>
    public static string Host(Pod pod) =>
        pod.Spec.HostNetwork == true || string.IsNullOrEmpty(pod.Status.PodIP) ? "127.0.0.1" : pod.Status.PodIP;

    /// <summary>A number, or the name of one of the container's ports.</summary>
    public static int ResolvePort(Container c, IntOrString port) =>
        port.IntValue ?? (int.TryParse(port.StringValue, out var n) ? n : c.Ports?.FirstOrDefault(p => p.Name == port.StringValue)?.ContainerPort ?? 0);
}
