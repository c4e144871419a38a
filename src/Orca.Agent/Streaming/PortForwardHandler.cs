using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Orca.Agent.Streaming.Spdy;
using Orca.Agent.Translate;
using Orca.Runtime;

namespace Orca.Agent.Streaming;

/// <summary>
/// /portForward/{ns}/{pod}: finds the pod's ready sandbox and serves portforward.k8s.io over
/// SPDY/3.1, either tunnelled in a WebSocket (subprotocol <c>SPDY/3.1+portforward.k8s.io</c>,
/// kubectl 1.32's default) or on the raw connection after an <c>Upgrade: SPDY/3.1</c> (the
/// fallback). Errors before the upgrade are metav1.Status answers.
/// </summary>
internal sealed partial class PortForwardHandler(IRuntimeService runtime, ILogger logger)
{
    public const string WebSocketProtocol = "SPDY/3.1+portforward.k8s.io";
    public const string StreamProtocol = "portforward.k8s.io";

    public async Task HandleAsync(HttpContext context, string ns, string pod)
    {
        var ct = context.RequestAborted;
        var sandbox = await FindSandboxAsync(ns, pod, ct);
        if (sandbox is null)
        {
            await StreamingHandlers.StatusAsync(context, 404, "NotFound", $"pod \"{pod}\" in namespace \"{ns}\" has no ready sandbox on this node");
            return;
        }
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
        {
            await StreamingHandlers.StatusAsync(context, 400, "BadRequest", $"port-forward needs an upgrade to WebSocket ({WebSocketProtocol}) or SPDY/3.1");
            return;
        }
        if (context.WebSockets.IsWebSocketRequest)
        {
            await ServeWebSocketAsync(context, upgrade, sandbox);
            return;
        }
        var versions = context.Request.Headers["X-Stream-Protocol-Version"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (!context.Request.Headers.Upgrade.ToString().Contains("SPDY/3.1", StringComparison.OrdinalIgnoreCase))
        {
            await StreamingHandlers.StatusAsync(context, 400, "BadRequest", $"port-forward needs an upgrade to WebSocket ({WebSocketProtocol}) or SPDY/3.1");
            return;
        }
        if (versions.Count > 0 && !versions.Contains(StreamProtocol))
        {
            await StreamingHandlers.StatusAsync(context, 403, "Forbidden",
                $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(" ", versions)}], server supports [{StreamProtocol}]");
            return;
        }
        context.Response.Headers.Upgrade = "SPDY/3.1";
        context.Response.Headers["X-Stream-Protocol-Version"] = StreamProtocol;
        await using var raw = await upgrade.UpgradeAsync();
        await ServeAsync(raw, sandbox, ct);
    }

    /// <summary>
    /// The WebSocket handshake is done by hand: ASP.NET's AcceptWebSocketAsync refuses the subprotocol
    /// name because it contains '/', which RFC 6455 tokens exclude but kubectl sends anyway — and it
    /// does so after the 101 went out, which kubectl sees as an immediately dropped tunnel.
    /// </summary>
    private async Task ServeWebSocketAsync(HttpContext context, IHttpUpgradeFeature upgrade, PodSandboxStatus sandbox)
    {
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        if (!requested.Contains(WebSocketProtocol) || key.Length == 0)
        {
            await StreamingHandlers.StatusAsync(context, 400, "BadRequest", $"port-forward over WebSocket needs the subprotocol {WebSocketProtocol}");
            return;
        }
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        context.Response.Headers.SecWebSocketProtocol = WebSocketProtocol;
        await using var raw = await upgrade.UpgradeAsync();
        using var socket = WebSocket.CreateFromStream(raw, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(5) });
        await ServeAsync(new WebSocketByteStream(socket), sandbox, context.RequestAborted);
        await CloseQuietlyAsync(socket);
    }

    private async Task<PodSandboxStatus?> FindSandboxAsync(string ns, string pod, CancellationToken cancellationToken)
    {
        var sandboxes = await runtime.ListPodSandboxesAsync(cancellationToken);
        return sandboxes
            .Where(s => s.State == SandboxState.Ready && Label(s, RuntimeLabels.PodNamespace) == ns && Label(s, RuntimeLabels.PodName) == pod)
            .OrderByDescending(s => s.CreatedAt)
            .FirstOrDefault();
    }

    private static string? Label(PodSandboxStatus s, string key) => s.Config.Labels.TryGetValue(key, out var v) ? v : null;

    private async Task ServeAsync(Stream transport, PodSandboxStatus sandbox, CancellationToken cancellationToken)
    {
        var uid = Label(sandbox, RuntimeLabels.PodUid) ?? sandbox.Config.Uid;
        var forwarder = new PortForwarder((port, ct) => runtime.PortForwardAsync(sandbox.Id, port, ct), $"{sandbox.Id}, uid {uid}");
        using var session = new SpdySession(transport);
        try
        {
            await session.RunAsync(forwarder.OnStream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogSessionEnded(logger, sandbox.Id, e.Message);
        }
        await forwarder.WhenIdleAsync();
    }

    private static async Task CloseQuietlyAsync(WebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Debug, Message = "port-forward session to sandbox {SandboxId} ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string sandboxId, string reason);
}
