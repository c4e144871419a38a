using System.Text;

namespace Orca.Api.Tests.Protobuf;

/// <summary>A minimal protobuf writer for building test bodies field by field.</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public ProtoWriter Str(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtoWriter Msg(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Msg(int field, Action<ProtoWriter> build)
    {
        var message = new ProtoWriter();
        build(message);
        return Msg(field, message);
    }

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtoWriter Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Fixed32(int field, uint value)
    {
        Tag(field, 5);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    /// <summary>A map entry {key=1, value=2} with a string value.</summary>
    public ProtoWriter Entry(int field, string key, string value) => Msg(field, e => e.Str(1, key).Str(2, value));

    public ProtoWriter Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>"k8s\0" + runtime.Unknown{typeMeta, raw, contentEncoding "", contentType ""}, as kubectl sends it.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoWriter raw, string contentEncoding = "") =>
    [
        .. "k8s\0"u8.ToArray(),
        .. new ProtoWriter()
            .Msg(1, t => t.Str(1, apiVersion).Str(2, kind))
            .Msg(2, raw)
            .Str(3, contentEncoding)
            .Str(4, "")
            .ToArray(),
    ];

    private void Tag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.Add((byte)value);
    }
}
