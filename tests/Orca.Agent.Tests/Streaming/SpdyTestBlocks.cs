using System.Buffers.Binary;
using Orca.Agent.Streaming.Spdy;

namespace Orca.Agent.Tests.Streaming;

/// <summary>Header blocks as a SPDY client sends them: a zlib stream with FDICT and the SPDY/3 DICTID, stored blocks, sync flushes.</summary>
internal sealed class ClientHeaderBlocks
{
    private bool _started;

    public byte[] Encode(params (string Name, string Value)[] headers)
    {
        var plain = HeaderBlockEncoder.Serialize(headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList());
        var output = new MemoryStream();
        if (!_started)
        {
            output.Write([0x78, 0xF9]);
            Span<byte> dictId = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(dictId, SpdyDictionary.Adler32);
            output.Write(dictId);
            _started = true;
        }
        Stored(output, plain);
        Stored(output, []);
        return output.ToArray();
    }

    private static void Stored(MemoryStream output, byte[] data)
    {
        output.WriteByte(0);
        output.Write([(byte)data.Length, (byte)(data.Length >> 8), (byte)~data.Length, (byte)(~data.Length >> 8)]);
        output.Write(data);
    }
}

/// <summary>A read-only stream that hands out at most <paramref name="chunk"/> bytes per read, like kubectl's one-field-per-message WebSocket writes.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => data.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
