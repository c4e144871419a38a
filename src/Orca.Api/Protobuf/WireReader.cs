namespace Orca.Api.Protobuf;

/// <summary>Protobuf wire types (the low three bits of a field tag).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Forward-only reader of the protobuf wire format over a span. Every method returns false on malformed
/// input (truncation, over-long varints, lengths past the end) and never throws; once a call has failed
/// the position is unspecified and the reader should be abandoned.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly bool AtEnd => _pos >= _data.Length;

    public readonly int Position => _pos;

    /// <summary>Reads a field tag; field numbers must be at least 1.</summary>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        field = 0;
        wireType = WireType.Varint;
        if (!TryReadVarint(out var tag) || tag >> 3 is 0 or > int.MaxValue)
        {
            return false;
        }
        field = (int)(tag >> 3);
        wireType = (WireType)(tag & 7);
        return true;
    }

    /// <summary>Reads a base-128 varint of at most ten bytes.</summary>
    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _data.Length)
            {
                return false;
            }
            var b = _data[_pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return shift < 63 || b <= 1;
            }
        }
        return false;
    }

    public bool TryReadFixed64(out ulong value)
    {
        value = 0;
        if (_data.Length - _pos < 8)
        {
            return false;
        }
        value = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(_pos, 8));
        _pos += 8;
        return true;
    }

    public bool TryReadFixed32(out uint value)
    {
        value = 0;
        if (_data.Length - _pos < 4)
        {
            return false;
        }
        value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice(_pos, 4));
        _pos += 4;
        return true;
    }

    /// <summary>Reads a length prefix and returns the bytes it covers (a slice of the input, not a copy).</summary>
    public bool TryReadLengthDelimited(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadVarint(out var length) || length > (ulong)(_data.Length - _pos))
        {
            return false;
        }
        value = _data.Slice(_pos, (int)length);
        _pos += (int)length;
        return true;
    }

    /// <summary>Skips the value of a field whose tag has just been read. Groups are not supported.</summary>
    public bool TrySkip(WireType wireType) => wireType switch
    {
        WireType.Varint => TryReadVarint(out _),
        WireType.Fixed64 => TryReadFixed64(out _),
        WireType.Fixed32 => TryReadFixed32(out _),
        WireType.LengthDelimited => TryReadLengthDelimited(out _),
        _ => false,
    };
}
