using System.Collections.Concurrent;

namespace Orca.Agent.Streaming.Spdy;

/// <summary>
/// The server side of one SPDY/3.1 connection over a byte stream (a raw upgraded connection or a
/// WebSocket tunnel). The peer opens streams (odd ids, increasing); each is acknowledged with an
/// empty SYN_REPLY and handed to the stream callback. PINGs from the peer are echoed; GOAWAY, the
/// end of input, or a protocol error end the session, which aborts every open stream (after a
/// protocol error a GOAWAY with PROTOCOL_ERROR is sent). SETTINGS, WINDOW_UPDATE and HEADERS are
/// accepted and ignored: the agent does no flow control (neither does kubectl's spdystream).
/// The session does not own the transport; the caller closes it after <see cref="RunAsync"/>.
/// </summary>
internal sealed class SpdySession(Stream transport) : IDisposable
{
    private readonly HeaderBlockDecoder _decoder = new();
    private readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();
    private readonly SpdyFrameWriter _writer = new(transport, new HeaderBlockEncoder());
    private uint _lastStreamId;

    /// <summary>Sends a frame that is not tied to one stream's lifecycle (thread-safe).</summary>
    public Task WriteAsync(SpdyFrame frame, CancellationToken cancellationToken) => _writer.WriteAsync(frame, cancellationToken);

    /// <summary>
    /// Reads frames until the peer goes away. <paramref name="onStream"/> runs on the read loop for
    /// every new stream after its SYN_REPLY was sent: it must not block (start work and return).
    /// Completes normally on GOAWAY or end of input; throws on broken I/O or cancellation.
    /// </summary>
    public async Task RunAsync(Action<SpdyStream> onStream, CancellationToken cancellationToken)
    {
        var reader = new SpdyFrameReader(transport, _decoder);
        try
        {
            while (await reader.ReadAsync(cancellationToken) is { } frame)
            {
                if (frame is GoAwayFrame) break;
                await HandleAsync(frame, onStream, cancellationToken);
            }
        }
        catch (SpdyProtocolException)
        {
            await TryGoAwayAsync(GoAwayStatus.ProtocolError);
            throw;
        }
        finally
        {
            foreach (var stream in _streams.Values) await stream.AbortAsync();
            _streams.Clear();
        }
    }

    private async Task HandleAsync(SpdyFrame frame, Action<SpdyStream> onStream, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case SynStreamFrame syn:
                await OpenAsync(syn, onStream, cancellationToken);
                break;
            case DataFrame data when _streams.TryGetValue(data.StreamId, out var stream):
                await stream.DeliverAsync(data.Data, data.Fin, cancellationToken);
                break;
            case DataFrame data when data.StreamId > _lastStreamId:
                await _writer.WriteAsync(new RstStreamFrame(data.StreamId, RstStatus.InvalidStream), cancellationToken);
                break;
            case RstStreamFrame rst when _streams.TryRemove(rst.StreamId, out var stream):
                await stream.AbortAsync();
                break;
            case PingFrame ping when (ping.Id & 1) == 1:
                await _writer.WriteAsync(ping, cancellationToken);
                break;
        }
    }

    private async Task OpenAsync(SynStreamFrame syn, Action<SpdyStream> onStream, CancellationToken cancellationToken)
    {
        if ((syn.StreamId & 1) == 0 || syn.StreamId <= _lastStreamId)
        {
            await _writer.WriteAsync(new RstStreamFrame(syn.StreamId, RstStatus.ProtocolError), cancellationToken);
            return;
        }
        _lastStreamId = syn.StreamId;
        var stream = new SpdyStream(syn.StreamId, syn.Headers, _writer, s => _streams.TryRemove(s.Id, out _));
        _streams[syn.StreamId] = stream;
        await _writer.WriteAsync(new SynReplyFrame(syn.StreamId, SpdyControlFlags.None, new Dictionary<string, string>()), cancellationToken);
        if (syn.Flags.HasFlag(SpdyControlFlags.Fin)) await stream.DeliverAsync(ReadOnlyMemory<byte>.Empty, fin: true, cancellationToken);
        onStream(stream);
    }

    private async Task TryGoAwayAsync(GoAwayStatus status)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _writer.WriteAsync(new GoAwayFrame(_lastStreamId, status), timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
        {
        }
    }

    public void Dispose() => _decoder.Dispose();
}
