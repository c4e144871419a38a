using Orca.Agent.Streaming.Spdy;

namespace Orca.Agent.Tests.Streaming;

public sealed class SpdyFramerTests
{
    private static readonly Dictionary<string, string> Headers = new() { ["streamtype"] = "data", ["port"] = "80", ["requestid"] = "3" };

    private static readonly Dictionary<string, SpdyFrame> Frames = new()
    {
        ["data"] = new DataFrame(3, new byte[] { 1, 2, 3 }, Fin: false),
        ["empty fin"] = new DataFrame(5, ReadOnlyMemory<byte>.Empty, Fin: true),
        ["syn_stream"] = new SynStreamFrame(7, 0, 3, SpdyControlFlags.Fin, Headers),
        ["syn_reply"] = new SynReplyFrame(7, SpdyControlFlags.None, new Dictionary<string, string>()),
        ["rst"] = new RstStreamFrame(9, RstStatus.Cancel),
        ["ping"] = new PingFrame(11),
        ["goaway"] = new GoAwayFrame(13, GoAwayStatus.Ok),
        ["headers"] = new HeadersFrame(15, SpdyControlFlags.None, Headers),
        ["window_update"] = new WindowUpdateFrame(17, 65536),
        ["settings"] = new SettingsFrame(SpdyControlFlags.None, new byte[] { 0, 0, 0, 0 }),
    };

    [Theory]
    [InlineData("data")]
    [InlineData("empty fin")]
    [InlineData("syn_stream")]
    [InlineData("syn_reply")]
    [InlineData("rst")]
    [InlineData("ping")]
    [InlineData("goaway")]
    [InlineData("headers")]
    [InlineData("window_update")]
    [InlineData("settings")]
    public async Task Frames_round_trip_even_when_the_bytes_arrive_one_at_a_time(string name)
    {
        var frame = Frames[name];
        var wire = new MemoryStream();
        var writer = new SpdyFrameWriter(wire, new HeaderBlockEncoder());
        await writer.WriteAsync(frame, CancellationToken.None);
        await writer.WriteAsync(new PingFrame(99), CancellationToken.None);

        using var decoder = new HeaderBlockDecoder();
        var reader = new SpdyFrameReader(new TrickleStream(wire.ToArray(), 1), decoder);
        var read = await reader.ReadAsync(CancellationToken.None);
        Assert.True(Same(frame, read), $"{name}: {read}");
        Assert.Equal(new PingFrame(99), await reader.ReadAsync(CancellationToken.None));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reads_kubectl_syn_stream_layout()
    {
        // kubectl's first frame: 80 03 00 01 | flags 0, length | stream 1 | assoc 0 | priority 0 | slot 0 | zlib block (78 f9 e3 c6 a7 c2 …).
        var block = Convert.FromHexString("78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45a024cc64610024398b209198094adc8c0600000000ffff");
        byte[] frame = [0x80, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)(10 + block.Length), 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. block];
        var reader = new SpdyFrameReader(new TrickleStream(frame, 2), new HeaderBlockDecoder());
        var syn = Assert.IsType<SynStreamFrame>(await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(1u, syn.StreamId);
        Assert.Equal(0u, syn.AssociatedStreamId);
        Assert.Equal(SpdyControlFlags.None, syn.Flags);
        Assert.Equal("error", syn.Headers["streamtype"]);
        Assert.Equal("80", syn.Headers["port"]);
        Assert.Equal("0", syn.Headers["requestid"]);
    }

    [Theory]
    [InlineData("00000001010000", typeof(EndOfStreamException))]
    [InlineData("8002000100000000", typeof(SpdyProtocolException))]
    [InlineData("8003000600000002abcd", typeof(SpdyProtocolException))]
    public async Task Broken_input_is_reported(string hex, Type expected)
    {
        var reader = new SpdyFrameReader(new MemoryStream(Convert.FromHexString(hex)), new HeaderBlockDecoder());
        var e = await Assert.ThrowsAnyAsync<IOException>(async () => await reader.ReadAsync(CancellationToken.None));
        Assert.IsType(expected, e);
    }

    [Fact]
    public async Task Data_frame_bytes_match_the_wire_format()
    {
        var wire = new MemoryStream();
        await new SpdyFrameWriter(wire, new HeaderBlockEncoder()).WriteAsync(new DataFrame(3, "hi"u8.ToArray(), Fin: true), CancellationToken.None);
        Assert.Equal("00000003010000026869", Convert.ToHexString(wire.ToArray()));
    }

    private static bool Same(SpdyFrame expected, SpdyFrame? actual) => (expected, actual) switch
    {
        (DataFrame e, DataFrame a) => e.StreamId == a.StreamId && e.Fin == a.Fin && e.Data.Span.SequenceEqual(a.Data.Span),
        (SynStreamFrame e, SynStreamFrame a) => e.StreamId == a.StreamId && e.AssociatedStreamId == a.AssociatedStreamId && e.Priority == a.Priority && e.Flags == a.Flags && SameHeaders(e.Headers, a.Headers),
        (SynReplyFrame e, SynReplyFrame a) => e.StreamId == a.StreamId && e.Flags == a.Flags && SameHeaders(e.Headers, a.Headers),
        (HeadersFrame e, HeadersFrame a) => e.StreamId == a.StreamId && e.Flags == a.Flags && SameHeaders(e.Headers, a.Headers),
        (SettingsFrame e, SettingsFrame a) => e.Flags == a.Flags && e.Payload.Span.SequenceEqual(a.Payload.Span),
        _ => Equals(expected, actual),
    };

    private static bool SameHeaders(IReadOnlyDictionary<string, string> e, IReadOnlyDictionary<string, string> a) =>
        e.Count == a.Count && e.All(p => a.TryGetValue(p.Key, out var v) && v == p.Value);
}
