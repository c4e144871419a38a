using System.IO.Compression;
using Orca.Agent.Streaming.Spdy;

namespace Orca.Agent.Tests.Streaming;

public sealed class HeaderBlockCodecTests
{
    /// <summary>
    /// Three consecutive blocks of one zlib stream compressed at level 9 with the SPDY/3 preset
    /// dictionary (Python's zlib, Z_SYNC_FLUSH after each); later blocks back-reference earlier ones.
    /// The first starts like kubectl's observed block: 78 f9 e3 c6 a7 c2.
    /// </summary>
    private static readonly string[] RealZlibBlocks =
    [
        "78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45a024cc64610024398b209198094adc8c0600000000ffff",
        "c2aa15540a2512d209000000ffff",
        "22ce52160b032c9a0d01000000ffff",
    ];

    [Fact]
    public void Dictionary_is_the_spdy3_dictionary()
    {
        Assert.Equal(1423, SpdyDictionary.Bytes.Length);
        Assert.Equal(0xE3C6A7C2u, SpdyDictionary.ComputeAdler32(SpdyDictionary.Bytes.Span));
    }

    [Fact]
    public void Decodes_consecutive_blocks_of_a_real_dictionary_zlib_stream()
    {
        using var decoder = new HeaderBlockDecoder();
        var expected = new[]
        {
            (Type: "error", Port: "80", Request: "0"),
            (Type: "data", Port: "80", Request: "0"),
            (Type: "error", Port: "8080", Request: "1"),
        };
        for (var i = 0; i < RealZlibBlocks.Length; i++)
        {
            var headers = decoder.Decode(Convert.FromHexString(RealZlibBlocks[i]));
            Assert.Equal(3, headers.Count);
            Assert.Equal(expected[i].Type, headers["streamtype"]);
            Assert.Equal(expected[i].Port, headers["port"]);
            Assert.Equal(expected[i].Request, headers["requestid"]);
        }
    }

    [Fact]
    public void Decodes_client_blocks_made_of_stored_deflate_blocks_after_an_fdict_header()
    {
        var client = new ClientHeaderBlocks();
        using var decoder = new HeaderBlockDecoder();
        var first = decoder.Decode(client.Encode(("streamtype", "error"), ("port", "9999"), ("requestid", "7")));
        var second = decoder.Decode(client.Encode());
        var third = decoder.Decode(client.Encode(("x", "a\0b")));
        Assert.Equal("9999", first["port"]);
        Assert.Empty(second);
        Assert.Equal("a\0b", third["x"]);
    }

    [Theory]
    [InlineData("78f9e3c6a7c3", "unknown zlib dictionary")]
    [InlineData("1234", "zlib header")]
    [InlineData("78f9e3c6a7c2000400fbff000000", "truncated header block")]
    public void Malformed_blocks_are_protocol_errors(string hex, string message)
    {
        using var decoder = new HeaderBlockDecoder();
        var e = Assert.Throws<SpdyProtocolException>(() => decoder.Decode(Convert.FromHexString(hex)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Encoder_writes_a_plain_zlib_stream_of_stored_blocks_each_ending_in_a_sync_flush()
    {
        var encoder = new HeaderBlockEncoder();
        var first = encoder.Encode([KeyValuePair.Create("Streamtype", "data")]);
        var second = encoder.Encode([]);
        Assert.Equal([0x78, 0x01], first[..2]);
        Assert.Equal([0, 0, 0, 0xFF, 0xFF], first[^5..]);
        Assert.Equal("000400FBFF00000000000000FFFF", Convert.ToHexString(second));

        // A standard inflater (no dictionary needed) reads the concatenation as the two serialised blocks.
        using var zlib = new ZLibStream(new MemoryStream([.. first, .. second]), CompressionMode.Decompress);
        var plain = new byte[64];
        var total = zlib.ReadAtLeast(plain, plain.Length, throwOnEndOfStream: false);
        byte[] expected = [.. HeaderBlockEncoder.Serialize([KeyValuePair.Create("streamtype", "data")]), 0, 0, 0, 0];
        Assert.Equal(expected, plain[..total]);
    }

    [Fact]
    public void Encoded_blocks_round_trip_through_the_decoder()
    {
        var encoder = new HeaderBlockEncoder();
        using var decoder = new HeaderBlockDecoder();
        var big = new string('v', 70_000);
        Assert.Equal("1", decoder.Decode(encoder.Encode([KeyValuePair.Create("a", "1")]))["a"]);
        Assert.Equal(big, decoder.Decode(encoder.Encode([KeyValuePair.Create("big", big)]))["big"]);
    }
}
