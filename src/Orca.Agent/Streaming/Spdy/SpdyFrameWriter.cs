using System.Buffers.Binary;

namespace Orca.Agent.Streaming.Spdy;

/// <summary>
/// Serialises SPDY/3.1 frames onto a byte stream. Thread-safe: <see cref="WriteAsync"/> takes a
/// lock so frames never interleave and header blocks reach the peer in the order they were
/// compressed. Each frame is written and flushed as one buffer.
/// </summary>
internal sealed class SpdyFrameWriter(Stream output, HeaderBlockEncoder headers)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task WriteAsync(SpdyFrame frame, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var bytes = Serialize(frame);
            await output.WriteAsync(bytes, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The frame's bytes; compresses header blocks, so callers outside the lock must not interleave it with <see cref="WriteAsync"/>.</summary>
    internal byte[] Serialize(SpdyFrame frame) => frame switch
    {
        DataFrame d => Data(d),
        SynStreamFrame s => Control(SpdyControlType.SynStream, s.Flags, [.. U32(s.StreamId), .. U32(s.AssociatedStreamId), (byte)(s.Priority << 5), 0, .. headers.Encode(s.Headers)]),
        SynReplyFrame r => Control(SpdyControlType.SynReply, r.Flags, [.. U32(r.StreamId), .. headers.Encode(r.Headers)]),
        RstStreamFrame r => Control(SpdyControlType.RstStream, SpdyControlFlags.None, [.. U32(r.StreamId), .. U32((uint)r.Status)]),
        SettingsFrame s => Control(SpdyControlType.Settings, s.Flags, s.Payload.ToArray()),
        PingFrame p => Control(SpdyControlType.Ping, SpdyControlFlags.None, U32(p.Id)),
        GoAwayFrame g => Control(SpdyControlType.GoAway, SpdyControlFlags.None, [.. U32(g.LastGoodStreamId), .. U32((uint)g.Status)]),
        HeadersFrame h => Control(SpdyControlType.Headers, h.Flags, [.. U32(h.StreamId), .. headers.Encode(h.Headers)]),
        WindowUpdateFrame w => Control(SpdyControlType.WindowUpdate, SpdyControlFlags.None, [.. U32(w.StreamId), .. U32(w.DeltaWindowSize)]),
        UnknownControlFrame u => Control((SpdyControlType)u.Type, u.Flags, u.Payload.ToArray()),
        _ => throw new ArgumentException($"unknown frame {frame.GetType().Name}", nameof(frame)),
    };

    private static byte[] Data(DataFrame d)
    {
        CheckLength(d.Data.Length);
        var bytes = new byte[8 + d.Data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, d.StreamId & 0x7FFFFFFF);
        WriteFlagsAndLength(bytes, d.Fin ? (byte)1 : (byte)0, d.Data.Length);
        d.Data.Span.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    private static byte[] Control(SpdyControlType type, SpdyControlFlags flags, byte[] payload)
    {
        CheckLength(payload.Length);
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, 0x8003);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)type);
        WriteFlagsAndLength(bytes, (byte)flags, payload.Length);
        payload.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    private static void WriteFlagsAndLength(byte[] bytes, byte flags, int length)
    {
        bytes[4] = flags;
        bytes[5] = (byte)(length >> 16);
        bytes[6] = (byte)(length >> 8);
        bytes[7] = (byte)length;
    }

    private static void CheckLength(int length)
    {
        if (length >= SpdyFrameReader.MaxFrameLength) throw new ArgumentException($"a SPDY frame payload cannot hold {length} bytes");
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
