using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Orca.Agent.Streaming.Spdy;

namespace Orca.Agent.Streaming;

/// <summary>
/// portforward.k8s.io over one SPDY session: the client opens, per forwarded connection, an
/// <c>error</c> stream and a <c>data</c> stream carrying the same <c>requestid</c> and the pod
/// <c>port</c>. Once both exist the pod port is dialled; data is copied both ways, and when the pod
/// side ends the data stream and then the error stream are closed (FIN). A failed dial is written as
/// text on the error stream and both streams are closed — kubectl reports it and gives up.
/// <see cref="OnStream"/> runs on the session's read loop; everything else runs on tasks that
/// <see cref="WhenIdleAsync"/> waits for. Per-connection failures never escape.
/// </summary>
internal sealed class PortForwarder(Func<int, CancellationToken, Task<Stream>> dial, string podDescription)
{
    private readonly Dictionary<string, (SpdyStream? Error, SpdyStream? Data)> _pending = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private readonly Lock _lock = new();

    public void OnStream(SpdyStream stream)
    {
        stream.Headers.TryGetValue("streamtype", out var type);
        if (!stream.Headers.TryGetValue("requestid", out var requestId) || type is not ("error" or "data"))
        {
            Track(Quietly(() => stream.ResetAsync(RstStatus.ProtocolError, CancellationToken.None)));
            return;
        }
        _pending.TryGetValue(requestId, out var pair);
        pair = type == "error" ? pair with { Error = stream } : pair with { Data = stream };
        if (pair is not ({ } error, { } data))
        {
            _pending[requestId] = pair;
            return;
        }
        _pending.Remove(requestId);
        Track(ForwardAsync(error, data));
    }

    /// <summary>Completes when every forwarded connection of the session has ended (call once the session ended).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock) return Task.WhenAll(_running);
    }

    private void Track(Task task)
    {
        lock (_lock)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task ForwardAsync(SpdyStream error, SpdyStream data)
    {
        await error.Input.CompleteAsync();
        var portText = data.Headers.GetValueOrDefault("port", "");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(data.Aborted, error.Aborted);
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            await FailAsync(error, data, $"invalid port \"{portText}\" in the port-forward request");
            return;
        }
        Stream pod;
        try
        {
            pod = await dial(port, cts.Token);
        }
        catch (Exception e) when (!cts.IsCancellationRequested)
        {
            await FailAsync(error, data, $"error forwarding port {port} to pod {podDescription}: {e.Message}");
            return;
        }
        await using (pod)
        {
            var toPod = Quietly(() => CopyToPodAsync(data.Input, pod, cts.Token));
            var fromPod = Quietly(async () =>
            {
                await CopyFromPodAsync(pod, data, cts.Token);
                await data.CloseAsync(CancellationToken.None);
                await error.CloseAsync(CancellationToken.None);
            });
            await Task.WhenAll(toPod, fromPod);
        }
    }

    private static Task FailAsync(SpdyStream error, SpdyStream data, string message) => Quietly(async () =>
    {
        await error.WriteAsync(Encoding.UTF8.GetBytes(message), CancellationToken.None);
        await error.CloseAsync(CancellationToken.None);
        await data.CloseAsync(CancellationToken.None);
    });

    private static async Task CopyToPodAsync(PipeReader input, Stream pod, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer) await pod.WriteAsync(segment, cancellationToken);
            if (!result.Buffer.IsEmpty) await pod.FlushAsync(cancellationToken);
            input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled) break;
        }
        await input.CompleteAsync();
        if (pod is NetworkStream network) network.Socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task CopyFromPodAsync(Stream pod, SpdyStream data, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SpdyStream.MaxDataFrame);
        try
        {
            int n;
            while ((n = await pod.ReadAsync(buffer.AsMemory(0, SpdyStream.MaxDataFrame), cancellationToken)) > 0)
                if (!await data.WriteAsync(buffer.AsMemory(0, n), cancellationToken)) return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Runs <paramref name="work"/>, swallowing what a dropped peer or pod connection throws.</summary>
    private static async Task Quietly(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                                       or System.Net.WebSockets.WebSocketException or InvalidOperationException)
        {
        }
    }
}
