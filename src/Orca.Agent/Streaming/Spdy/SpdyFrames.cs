namespace Orca.Agent.Streaming.Spdy;

/// <summary>One SPDY/3.1 frame. Header blocks are carried decoded; the framer compresses and decompresses them.</summary>
internal abstract record SpdyFrame;

/// <summary>DATA: payload for a stream; <see cref="Fin"/> half-closes the sender's side (an empty FIN frame is allowed).</summary>
internal sealed record DataFrame(uint StreamId, ReadOnlyMemory<byte> Data, bool Fin) : SpdyFrame;

internal sealed record SynStreamFrame(uint StreamId, uint AssociatedStreamId, byte Priority, SpdyControlFlags Flags,
    IReadOnlyDictionary<string, string> Headers) : SpdyFrame;

internal sealed record SynReplyFrame(uint StreamId, SpdyControlFlags Flags, IReadOnlyDictionary<string, string> Headers) : SpdyFrame;

internal sealed record RstStreamFrame(uint StreamId, RstStatus Status) : SpdyFrame;

/// <summary>SETTINGS: kept as its raw payload (entries are not used by the agent).</summary>
internal sealed record SettingsFrame(SpdyControlFlags Flags, ReadOnlyMemory<byte> Payload) : SpdyFrame;

internal sealed record PingFrame(uint Id) : SpdyFrame;

internal sealed record GoAwayFrame(uint LastGoodStreamId, GoAwayStatus Status) : SpdyFrame;

internal sealed record HeadersFrame(uint StreamId, SpdyControlFlags Flags, IReadOnlyDictionary<string, string> Headers) : SpdyFrame;

internal sealed record WindowUpdateFrame(uint StreamId, uint DeltaWindowSize) : SpdyFrame;

/// <summary>A control frame of a type SPDY/3.1 does not define; the spec says to ignore it.</summary>
internal sealed record UnknownControlFrame(ushort Type, SpdyControlFlags Flags, ReadOnlyMemory<byte> Payload) : SpdyFrame;

internal enum SpdyControlType : ushort
{
    SynStream = 1,
    SynReply = 2,
    RstStream = 3,
    Settings = 4,
    Ping = 6,
    GoAway = 7,
    Headers = 8,
    WindowUpdate = 9,
}

[Flags]
internal enum SpdyControlFlags : byte
{
    None = 0,
    Fin = 0x01,
    Unidirectional = 0x02,
}

internal enum RstStatus : uint
{
    ProtocolError = 1,
    InvalidStream = 2,
    RefusedStream = 3,
    UnsupportedVersion = 4,
    Cancel = 5,
    InternalError = 6,
    FlowControlError = 7,
    StreamInUse = 8,
    StreamAlreadyClosed = 9,
    FrameTooLarge = 11,
}

internal enum GoAwayStatus : uint
{
    Ok = 0,
    ProtocolError = 1,
    InternalError = 2,
}
