using System.Net.WebSockets;

namespace Orca.Agent.Streaming;

/// <summary>
/// A WebSocket seen as one byte stream, for protocols tunnelled in binary messages whose
/// boundaries mean nothing (kubectl's SPDY/3.1+portforward.k8s.io): reads return message bytes
/// in order and 0 once the peer sent a close frame; every write is sent as one binary message.
/// A text message is a protocol error (<see cref="IOException"/>). One reader and one writer may run
/// concurrently (as the WebSocket allows); the socket is not owned.
/// </summary>
internal sealed class WebSocketByteStream(WebSocket socket) : Stream
{
    private bool _closed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_closed && buffer.Length > 0)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    _closed = true;
                    return 0;
                case WebSocketMessageType.Text:
                    throw new IOException("unexpected text message in a binary tunnel");
            }
            if (result.Count > 0) return result.Count;
        }
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        socket.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override void Flush() { }
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
