using System.IO.Pipes;
using System.Net.Sockets;

namespace Orca.Runtime.Conmon;

/// <summary>
/// A client of conmon's attach socket (SOCK_SEQPACKET at &lt;socket-dir&gt;/&lt;id&gt;/attach). Each packet
/// conmon sends starts with a stream byte (2 = stdout, 3 = stderr) followed by data; bytes written
/// to the socket go to the container's stdin, and shutting down the send side closes it (unless
/// conmon was told to leave stdin open). Output is demultiplexed into two pipes by a pump task.
/// Output produced before the attach is not replayed (it is in the log file).
/// </summary>
internal sealed class AttachSession : IStreamSession
{
    private const byte StdoutPacket = 2;
    private const byte StderrPacket = 3;
    private readonly Socket _socket;
    private readonly AnonymousPipeServerStream _stdoutWriter = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _stderrWriter = new(PipeDirection.Out);
    private readonly Task _pump;
    private readonly string _ctlFifo;

    private AttachSession(Socket socket, bool stdin, bool tty, Task<int> exitCode, string ctlFifo)
    {
        _socket = socket;
        _ctlFifo = ctlFifo;
        Stdin = stdin ? new SocketStdin(socket) : null;
        Stdout = new AnonymousPipeClientStream(PipeDirection.In, _stdoutWriter.ClientSafePipeHandle);
        Stderr = tty ? null : new AnonymousPipeClientStream(PipeDirection.In, _stderrWriter.ClientSafePipeHandle);
        ExitCode = exitCode;
        _pump = Task.Run(PumpAsync);
    }

    public Stream? Stdin { get; }
    public Stream? Stdout { get; }
    public Stream? Stderr { get; }
    public Task<int> ExitCode { get; }

    /// <summary>Connects to the attach socket; throws IOException when the path is too long for a unix socket or conmon is gone.</summary>
    public static async Task<AttachSession> ConnectAsync(string socketPath, string ctlFifo, bool stdin, bool tty, Task<int> exitCode, CancellationToken cancellationToken)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(socketPath) > 107)
            throw new IOException($"attach socket path {socketPath} is too long for a unix socket; use a shorter runtime root");
        var socket = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new AttachSession(socket, stdin, tty, exitCode, ctlFifo);
    }

    /// <summary>Asks conmon to resize the container's terminal (conmon's ctl fifo, message type 1).</summary>
    public async Task ResizeAsync(int width, int height, CancellationToken cancellationToken)
    {
        if (File.Exists(_ctlFifo))
            await File.AppendAllTextAsync(_ctlFifo, $"1 {height} {width}\n", cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        try { await _pump; } catch (ObjectDisposedException) { } catch (SocketException) { }
        Stdout?.Dispose();
        Stderr?.Dispose();
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[32 * 1024 + 1];
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                    return;
                if (read == 1)
                    continue;
                var target = buffer[0] == StderrPacket && Stderr is not null ? _stderrWriter : _stdoutWriter;
                if (buffer[0] is StdoutPacket or StderrPacket)
                    await target.WriteAsync(buffer.AsMemory(1, read - 1));
            }
        }
        catch (IOException)
        {
            // The reader closed its end; nothing more to deliver.
        }
        finally
        {
            _stdoutWriter.Dispose();
            _stderrWriter.Dispose();
        }
    }

    /// <summary>Write-only stream onto the socket; Dispose half-closes it so conmon sees stdin EOF.</summary>
    private sealed class SocketStdin(Socket socket) : Stream
    {
        private bool _closed;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => socket.Send(buffer.AsSpan(offset, count));
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await socket.SendAsync(buffer, SocketFlags.None, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_closed)
            {
                _closed = true;
                try { socket.Shutdown(SocketShutdown.Send); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            }
            base.Dispose(disposing);
        }
    }
}
