using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Orca.Agent.Streaming.Spdy;

/// <summary>
/// Decodes the peer's header blocks: one zlib stream for the whole connection (header blocks are
/// consecutive pieces of it, each ending in a sync flush), compressed with the SPDY/3 preset
/// dictionary. .NET's inflater has no preset-dictionary API, so the dictionary is put into the
/// inflater's window instead: the zlib header (2 bytes, plus the 4-byte DICTID when FDICT is set) is
/// dropped, and a raw inflater is first fed a synthetic non-final stored block holding the
/// dictionary, whose 1423 output bytes are discarded. Back-references of the peer's first block then
/// resolve into the dictionary exactly as with a real preset dictionary.
/// Not thread-safe: blocks must be decoded one at a time, in the order they arrived.
/// </summary>
internal sealed class HeaderBlockDecoder : IDisposable
{
    private const int MaxPairs = 1024;
    private const int MaxLength = 256 * 1024;

    private readonly FeedStream _feed = new();
    private readonly DeflateStream _inflater;
    private bool _started;

    public HeaderBlockDecoder() => _inflater = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);

    /// <summary>Decodes one complete header block; throws <see cref="SpdyProtocolException"/> when it is malformed.</summary>
    public IReadOnlyDictionary<string, string> Decode(ReadOnlySpan<byte> block)
    {
        if (!_started) block = Start(block);
        _feed.Append(block);
        var count = ReadInt();
        if (count is < 0 or > MaxPairs) throw new SpdyProtocolException($"header block with {count} pairs");
        var headers = new Dictionary<string, string>(count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            var name = ReadString();
            var value = ReadString();
            if (name.Length == 0 || !headers.TryAdd(name, value)) throw new SpdyProtocolException($"invalid or repeated header name \"{name}\"");
        }
        return headers;
    }

    private ReadOnlySpan<byte> Start(ReadOnlySpan<byte> block)
    {
        if (block.Length < 2 || (block[0] & 0x0F) != 8 || ((block[0] << 8) | block[1]) % 31 != 0)
            throw new SpdyProtocolException("header compression does not start with a zlib header");
        var headerLength = 2;
        if ((block[1] & 0x20) != 0)
        {
            if (block.Length < 6) throw new SpdyProtocolException("truncated zlib header");
            var dictId = BinaryPrimitives.ReadUInt32BigEndian(block[2..]);
            if (dictId != SpdyDictionary.Adler32) throw new SpdyProtocolException($"unknown zlib dictionary {dictId:x8}");
            headerLength = 6;
        }
        var dictionary = SpdyDictionary.Bytes.Span;
        Span<byte> stored = stackalloc byte[5];
        stored[0] = 0; // BFINAL=0, BTYPE=00 (stored), padded to the byte boundary
        BinaryPrimitives.WriteUInt16LittleEndian(stored[1..], (ushort)dictionary.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(stored[3..], (ushort)~dictionary.Length);
        _feed.Append(stored);
        _feed.Append(dictionary);
        ReadExactly(new byte[dictionary.Length]);
        _started = true;
        return block[headerLength..];
    }

    private int ReadInt()
    {
        Span<byte> four = stackalloc byte[4];
        ReadExactly(four);
        return BinaryPrimitives.ReadInt32BigEndian(four);
    }

    private string ReadString()
    {
        var length = ReadInt();
        if (length is < 0 or > MaxLength) throw new SpdyProtocolException($"header string of {length} bytes");
        var bytes = new byte[length];
        ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The feed never blocks: when the block's bytes run out before the structure does, the block was truncated.</summary>
    private void ReadExactly(Span<byte> into)
    {
        while (into.Length > 0)
        {
            int n;
            try
            {
                n = _inflater.Read(into);
            }
            catch (InvalidDataException e)
            {
                throw new SpdyProtocolException("corrupt header compression stream: " + e.Message);
            }
            if (n == 0) throw new SpdyProtocolException("truncated header block");
            into = into[n..];
        }
    }

    public void Dispose() => _inflater.Dispose();

    /// <summary>Bytes appended by the decoder, read by the inflater; an empty feed reads as 0 bytes instead of blocking.</summary>
    private sealed class FeedStream : Stream
    {
        private byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_end + data.Length > _buffer.Length)
            {
                var live = _end - _start;
                var target = live + data.Length > _buffer.Length ? new byte[Math.Max(_buffer.Length * 2, live + data.Length)] : _buffer;
                Array.Copy(_buffer, _start, target, 0, live);
                _buffer = target;
                _start = 0;
                _end = live;
            }
            data.CopyTo(_buffer.AsSpan(_end));
            _end += data.Length;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(buffer);
            _start += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
