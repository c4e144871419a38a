using System.Buffers.Binary;
using System.Text;

namespace Orca.Agent.Streaming.Spdy;

/// <summary>
/// Encodes our header blocks without compressing: the connection's zlib stream starts with the
/// header <c>78 01</c> (no preset dictionary, which a dictionary-aware inflater accepts), and each
/// block is a run of stored deflate blocks followed by the empty stored block <c>00 00 00 FF FF</c>
/// — the sync-flush marker that lets the peer's inflater deliver the block without reading ahead.
/// Not thread-safe: blocks must be sent in the order they were encoded.
/// </summary>
internal sealed class HeaderBlockEncoder
{
    private bool _started;

    public byte[] Encode(IReadOnlyCollection<KeyValuePair<string, string>> headers)
    {
        var plain = Serialize(headers);
        var output = new MemoryStream(plain.Length + 16);
        if (!_started)
        {
            output.Write([0x78, 0x01]);
            _started = true;
        }
        for (var offset = 0; offset < plain.Length; offset += ushort.MaxValue)
            WriteStored(output, plain.AsSpan(offset, Math.Min(ushort.MaxValue, plain.Length - offset)));
        WriteStored(output, []);
        return output.ToArray();
    }

    /// <summary>The uncompressed block: u32 count, then u32-length-prefixed lower-case names and values.</summary>
    public static byte[] Serialize(IReadOnlyCollection<KeyValuePair<string, string>> headers)
    {
        var output = new MemoryStream();
        WriteInt(output, headers.Count);
        foreach (var (name, value) in headers)
        {
            WriteString(output, name.ToLowerInvariant());
            WriteString(output, value);
        }
        return output.ToArray();
    }

    private static void WriteStored(MemoryStream output, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[5];
        head[0] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(head[1..], (ushort)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(head[3..], (ushort)~data.Length);
        output.Write(head);
        output.Write(data);
    }

    private static void WriteString(MemoryStream output, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt(output, bytes.Length);
        output.Write(bytes);
    }

    private static void WriteInt(MemoryStream output, int value)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, value);
        output.Write(four);
    }
}
