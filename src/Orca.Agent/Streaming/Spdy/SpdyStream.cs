using System.IO.Pipelines;

namespace Orca.Agent.Streaming.Spdy;

/// <summary>
/// One stream of a <see cref="SpdySession"/>, opened by the peer. Incoming DATA arrives on
/// <see cref="Input"/> (completed by the peer's FIN, a reset or the end of the session; a consumer
/// that does not want the data should complete the reader so it is discarded). Outgoing data goes
/// through <see cref="WriteAsync"/> and <see cref="CloseAsync"/> (FIN). <see cref="Aborted"/> fires
/// when the peer resets the stream or the session ends. Write methods are thread-safe.
/// </summary>
internal sealed class SpdyStream
{
    /// <summary>The largest DATA payload sent in one frame.</summary>
    public const int MaxDataFrame = 32 * 1024;

    private readonly SpdyFrameWriter _writer;
    private readonly Action<SpdyStream> _closed;
    private readonly Pipe _input = new(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
    private readonly CancellationTokenSource _aborted = new();
    private int _localClosed;
    private bool _remoteClosed;

    internal SpdyStream(uint id, IReadOnlyDictionary<string, string> headers, SpdyFrameWriter writer, Action<SpdyStream> closed)
    {
        Id = id;
        Headers = headers;
        _writer = writer;
        _closed = closed;
    }

    public uint Id { get; }
    public IReadOnlyDictionary<string, string> Headers { get; }
    public PipeReader Input => _input.Reader;
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Sends <paramref name="data"/> as DATA frames; false (nothing sent) once this side was closed or the stream aborted.</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < data.Length; offset += MaxDataFrame)
        {
            if (Volatile.Read(ref _localClosed) != 0 || _aborted.IsCancellationRequested) return false;
            var chunk = data.Slice(offset, Math.Min(MaxDataFrame, data.Length - offset));
            await _writer.WriteAsync(new DataFrame(Id, chunk, Fin: false), cancellationToken);
        }
        return true;
    }

    /// <summary>Half-closes our side with an empty DATA frame carrying FIN; only the first call sends.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _localClosed, 1) != 0 || _aborted.IsCancellationRequested) return;
        await _writer.WriteAsync(new DataFrame(Id, ReadOnlyMemory<byte>.Empty, Fin: true), cancellationToken);
        if (Volatile.Read(ref _remoteClosed)) _closed(this);
    }

    /// <summary>Resets the stream (RST_STREAM) and aborts it locally.</summary>
    public async Task ResetAsync(RstStatus status, CancellationToken cancellationToken)
    {
        if (_aborted.IsCancellationRequested) return;
        Interlocked.Exchange(ref _localClosed, 1);
        await _aborted.CancelAsync();
        await _writer.WriteAsync(new RstStreamFrame(Id, status), cancellationToken);
        _closed(this);
    }

    /// <summary>Called by the session's read loop only.</summary>
    internal async ValueTask DeliverAsync(ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _remoteClosed)) return;
        if (data.Length > 0) await _input.Writer.WriteAsync(data, cancellationToken);
        if (!fin) return;
        Volatile.Write(ref _remoteClosed, true);
        await _input.Writer.CompleteAsync();
        if (Volatile.Read(ref _localClosed) != 0) _closed(this);
    }

    /// <summary>The peer reset the stream or the session ended: input ends, <see cref="Aborted"/> fires, writes stop.</summary>
    internal async Task AbortAsync()
    {
        Volatile.Write(ref _remoteClosed, true);
        await _input.Writer.CompleteAsync();
        await _aborted.CancelAsync();
    }
}
