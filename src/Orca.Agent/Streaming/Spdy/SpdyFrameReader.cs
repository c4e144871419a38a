using System.Buffers.Binary;

namespace Orca.Agent.Streaming.Spdy;

/// <summary>
/// Parses SPDY/3.1 frames from a byte stream (frame boundaries need not match read boundaries).
/// Every frame starts with 8 bytes: a control frame has the control bit, version 3, a u16 type,
/// then u8 flags and a u24 payload length; a DATA frame has a 31-bit stream id, then flags and
/// length. Header blocks are decoded with the connection's <see cref="HeaderBlockDecoder"/>, so
/// every frame carrying one must go through this reader in order. Not thread-safe (one reader loop).
/// </summary>
internal sealed class SpdyFrameReader(Stream input, HeaderBlockDecoder headers)
{
    /// <summary>Frames longer than this are refused (the u24 field allows 16 MiB).</summary>
    public const int MaxFrameLength = 1 << 24;

    private readonly byte[] _head = new byte[8];

    /// <summary>
    /// The next frame, or null at a clean end of input (between frames). Throws
    /// <see cref="EndOfStreamException"/> when the input ends inside a frame and
    /// <see cref="SpdyProtocolException"/> on a malformed frame.
    /// </summary>
    public async ValueTask<SpdyFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        var first = await input.ReadAtLeastAsync(_head, _head.Length, throwOnEndOfStream: false, cancellationToken);
        if (first == 0) return null;
        if (first < _head.Length) throw new EndOfStreamException("the SPDY stream ended inside a frame header");
        var flags = _head[4];
        var length = (_head[5] << 16) | (_head[6] << 8) | _head[7];
        var payload = new byte[length];
        await input.ReadExactlyAsync(payload, cancellationToken);
        if ((_head[0] & 0x80) == 0)
            return new DataFrame(BinaryPrimitives.ReadUInt32BigEndian(_head) & 0x7FFFFFFF, payload, (flags & 0x01) != 0);
        var version = BinaryPrimitives.ReadUInt16BigEndian(_head) & 0x7FFF;
        if (version != 3) throw new SpdyProtocolException($"unsupported SPDY version {version}");
        return ParseControl((SpdyControlType)BinaryPrimitives.ReadUInt16BigEndian(_head.AsSpan(2)), (SpdyControlFlags)flags, payload);
    }

    private SpdyFrame ParseControl(SpdyControlType type, SpdyControlFlags flags, byte[] payload)
    {
        var p = payload.AsSpan();
        return type switch
        {
            SpdyControlType.SynStream => new SynStreamFrame(StreamId(Need(p, 10)), StreamId(p[4..]), (byte)(p[8] >> 5), flags, headers.Decode(p[10..])),
            SpdyControlType.SynReply => new SynReplyFrame(StreamId(Need(p, 4)), flags, headers.Decode(p[4..])),
            SpdyControlType.RstStream => new RstStreamFrame(StreamId(Need(p, 8)), (RstStatus)BinaryPrimitives.ReadUInt32BigEndian(p[4..])),
            SpdyControlType.Settings => new SettingsFrame(flags, payload),
            SpdyControlType.Ping => new PingFrame(BinaryPrimitives.ReadUInt32BigEndian(Need(p, 4))),
            SpdyControlType.GoAway => new GoAwayFrame(StreamId(Need(p, 8)), (GoAwayStatus)BinaryPrimitives.ReadUInt32BigEndian(p[4..])),
            SpdyControlType.Headers => new HeadersFrame(StreamId(Need(p, 4)), flags, headers.Decode(p[4..])),
            SpdyControlType.WindowUpdate => new WindowUpdateFrame(StreamId(Need(p, 8)), BinaryPrimitives.ReadUInt32BigEndian(p[4..]) & 0x7FFFFFFF),
            _ => new UnknownControlFrame((ushort)type, flags, payload),
        };
    }

    private static ReadOnlySpan<byte> Need(ReadOnlySpan<byte> payload, int length) =>
        payload.Length >= length ? payload : throw new SpdyProtocolException($"control frame payload of {payload.Length} bytes is too short");

    private static uint StreamId(ReadOnlySpan<byte> p) => BinaryPrimitives.ReadUInt32BigEndian(p) & 0x7FFFFFFF;
}
