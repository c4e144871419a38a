using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Orca.Runtime;

namespace Orca.Agent.Streaming;

/// <summary>
/// Kubernetes' channel protocol (v4/v5.channel.k8s.io) over one WebSocket: every binary message
/// starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 the final Status, 4 resize
/// (`{"Width":w,"Height":h}`), 255 close (v5: `[255,0]` is stdin EOF). The session ends with the
/// Status (Success, or Failure/NonZeroExitCode with the exit code as a cause) and a close frame 1000.
/// </summary>
internal sealed class ChannelStreams(WebSocket socket, IStreamSession session)
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receive = ReceiveAsync(cts.Token);
        var outputs = new List<Task>();
        if (session.Stdout is { } stdout) outputs.Add(PumpAsync(stdout, 1, cts.Token));
        if (session.Stderr is { } stderr) outputs.Add(PumpAsync(stderr, 2, cts.Token));
        var exitCode = await session.ExitCode.WaitAsync(cancellationToken);
        // The process is gone; its output pipes drain at once (a grandchild holding them open is not waited for long).
        await Task.WhenAny(Task.WhenAll(outputs), Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
        await SendAsync(3, Encoding.UTF8.GetBytes(StatusJson(exitCode)), cancellationToken);
        try
        {
            // Close handshake: our close frame, then the client's answer ends the receive loop. Cancelling a
            // pending receive instead would abort the socket and could drop the frames still being sent.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            await receive.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
        }
        await cts.CancelAsync();
    }

    public static string StatusJson(int exitCode) => exitCode == 0
        ? "{\"metadata\":{},\"status\":\"Success\"}"
        : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: error executing command, exit code " + exitCode +
          "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + exitCode + "\"}]}}";

    private async Task PumpAsync(Stream source, byte channel, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024 + 1];
        try
        {
            int n;
            while ((n = await source.ReadAsync(buffer.AsMemory(1), cancellationToken)) > 0)
            {
                buffer[0] = channel;
                await SendAsync(channel, buffer.AsMemory(1, n), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private async Task SendAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame.AsMemory(1));
        await _send.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open) await socket.SendAsync(frame, WebSocketMessageType.Binary, true, cancellationToken);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, cancellationToken);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var data = message.ToArray();
                message.SetLength(0);
                if (data.Length == 0) continue;
                await HandleAsync(data[0], data.AsMemory(1), cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            if (session.Stdin is { } stdin) await CloseQuietlyAsync(stdin);
        }
    }

    private async Task HandleAsync(byte channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        switch (channel)
        {
            case 0 when session.Stdin is { } stdin:
                await stdin.WriteAsync(payload, cancellationToken);
                await stdin.FlushAsync(cancellationToken);
                break;
            case 4:
                var size = JsonDocument.Parse(payload).RootElement;
                await session.ResizeAsync(size.GetProperty("Width").GetInt32(), size.GetProperty("Height").GetInt32(), cancellationToken);
                break;
            case 255 when payload.Length > 0 && payload.Span[0] == 0 && session.Stdin is { } stdin:
                await CloseQuietlyAsync(stdin);
                break;
        }
    }

    private static async Task CloseQuietlyAsync(Stream stream)
    {
        try
        {
            await stream.DisposeAsync();
        }
        catch (IOException)
        {
        }
    }
}
