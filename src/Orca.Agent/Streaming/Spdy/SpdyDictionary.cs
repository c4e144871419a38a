using System.Text;

namespace Orca.Agent.Streaming.Spdy;

/// <summary>
/// The preset zlib dictionary of SPDY/3 header compression (1423 bytes, Adler-32 0xE3C6A7C2):
/// a run of length-prefixed common header names and values, then a plain-text tail of status
/// lines, dates and media types. Both peers must use exactly these bytes.
/// </summary>
internal static class SpdyDictionary
{
    public const uint Adler32 = 0xE3C6A7C2;

    private static readonly string[] LengthPrefixed =
    [
        "options", "head", "post", "put", "delete", "trace", "accept", "accept-charset", "accept-encoding",
        "accept-language", "accept-ranges", "age", "allow", "authorization", "cache-control", "connection",
        "content-base", "content-encoding", "content-language", "content-length", "content-location",
        "content-md5", "content-range", "content-type", "date", "etag", "expect", "expires", "from", "host",
        "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified",
        "location", "max-forwards", "pragma", "proxy-authenticate", "proxy-authorization", "range", "referer",
        "retry-after", "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "vary", "via",
        "warning", "www-authenticate", "method", "get", "status", "200 OK", "version", "HTTP/1.1", "url",
        "public", "set-cookie", "keep-alive", "origin",
    ];

    private const string Tail =
        "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505" +
        "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request" +
        "401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented" +
        "503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 " +
        "Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif," +
        "application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivatemax-age=" +
        "gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

    /// <summary>The dictionary bytes (a fresh copy is not made: callers must not modify it).</summary>
    public static ReadOnlyMemory<byte> Bytes { get; } = Build();

    private static byte[] Build()
    {
        var buffer = new MemoryStream(1423);
        Span<byte> length = stackalloc byte[4];
        foreach (var word in LengthPrefixed)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, word.Length);
            buffer.Write(length);
            buffer.Write(Encoding.ASCII.GetBytes(word));
        }
        buffer.Write(Encoding.ASCII.GetBytes(Tail));
        return buffer.ToArray();
    }

    /// <summary>zlib's Adler-32 checksum (RFC 1950 §9), used to check the DICTID of a peer's stream.</summary>
    public static uint ComputeAdler32(ReadOnlySpan<byte> data)
    {
        const uint mod = 65521;
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % mod;
            b = (b + a) % mod;
        }
        return (b << 16) | a;
    }
}
