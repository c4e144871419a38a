using System.Globalization;
using System.Text.Json.Nodes;

namespace Orca.Api.Protobuf;

internal sealed partial class MessageDecoder
{
    private const long MinUnixSeconds = -62135596800;   // 0001-01-01T00:00:00Z
    private const long MaxUnixSeconds = 253402300799;   // 9999-12-31T23:59:59Z

    /// <summary>
    /// Decodes one value of <paramref name="kind"/>. <paramref name="isZero"/> says whether it is the Go
    /// zero value, which a plain (non-pointer) field leaves out of the JSON.
    /// </summary>
    private bool DecodeValue(
        ref WireReader reader, WireType wireType, ProtoKind kind, string? message, string path,
        out JsonNode? value, out bool isZero)
    {
        value = null;
        isZero = false;
        switch (kind)
        {
            case ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.Bool:
                if (!ExpectWireType(wireType, WireType.Varint, path))
                {
                    return false;
                }
                if (!reader.TryReadVarint(out var raw))
                {
                    return Fail(path, "truncated varint");
                }
                isZero = raw == 0;
                value = kind switch
                {
                    ProtoKind.Int32 => JsonValue.Create((int)(long)raw),
                    ProtoKind.Int64 => JsonValue.Create((long)raw),
                    _ => JsonValue.Create(raw != 0),
                };
                return true;
            case ProtoKind.String:
                if (!ExpectWireType(wireType, WireType.LengthDelimited, path) || !ReadString(ref reader, path, out var text))
                {
                    return false;
                }
                isZero = text.Length == 0;
                value = JsonValue.Create(text);
                return true;
        }
        if (!ExpectWireType(wireType, WireType.LengthDelimited, path) || !ReadBytes(ref reader, path, out var bytes))
        {
            return false;
        }
        return kind switch
        {
            ProtoKind.Bytes => Done(JsonValue.Create(Convert.ToBase64String(bytes)), bytes.IsEmpty, out value, out isZero),
            ProtoKind.Message => DecodeNested(bytes, message!, path, out value),
            ProtoKind.Time => DecodeTime(bytes, path, out value, out isZero),
            ProtoKind.Quantity => DecodeQuantity(bytes, path, out value, out isZero),
            ProtoKind.IntOrString => DecodeIntOrString(bytes, path, out value, out isZero),
            ProtoKind.FieldsV1 => DecodeFieldsV1(bytes, path, out value),
            _ => Fail(path, $"unsupported kind {kind}"),
        };
    }

    private static bool Done(JsonNode node, bool zero, out JsonNode? value, out bool isZero)
    {
        value = node;
        isZero = zero;
        return true;
    }

    private bool DecodeNested(ReadOnlySpan<byte> bytes, string message, string path, out JsonNode? value)
    {
        var obj = new JsonObject();
        value = obj;
        return DecodeMessage(bytes, ProtoSchemas.Message(message)!, obj, path);
    }

    private bool DecodeTime(ReadOnlySpan<byte> bytes, string path, out JsonNode? value, out bool isZero)
    {
        value = null;
        isZero = false;
        long seconds = 0;
        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wire))
            {
                return Fail(path, "malformed field tag");
            }
            if (number == 1 && wire == WireType.Varint && reader.TryReadVarint(out var s))
            {
                seconds = (long)s;
            }
            else if (number == 1 || !reader.TrySkip(wire))
            {
                return Fail(path, "malformed time");
            }
        }
        if (seconds is < MinUnixSeconds or > MaxUnixSeconds)
        {
            return Fail(path, $"time {seconds}s is out of range");
        }
        isZero = seconds == 0;
        var utc = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        value = JsonValue.Create(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return true;
    }

    private bool DecodeQuantity(ReadOnlySpan<byte> bytes, string path, out JsonNode? value, out bool isZero)
    {
        var text = "";
        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wire))
            {
                value = null;
                isZero = false;
                return Fail(path, "malformed field tag");
            }
            var ok = number == 1
                ? ExpectWireType(wire, WireType.LengthDelimited, path) && ReadString(ref reader, path, out text)
                : reader.TrySkip(wire) || Fail(path, "malformed quantity");
            if (!ok)
            {
                value = null;
                isZero = false;
                return false;
            }
        }
        return Done(JsonValue.Create(text.Length == 0 ? "0" : text), text.Length == 0, out value, out isZero);
    }

    private bool DecodeIntOrString(ReadOnlySpan<byte> bytes, string path, out JsonNode? value, out bool isZero)
    {
        value = null;
        isZero = false;
        ulong type = 0, intVal = 0;
        var strVal = "";
        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wire))
            {
                return Fail(path, "malformed field tag");
            }
            var ok = number switch
            {
                1 => ExpectWireType(wire, WireType.Varint, path) && (reader.TryReadVarint(out type) || Fail(path, "truncated varint")),
                2 => ExpectWireType(wire, WireType.Varint, path) && (reader.TryReadVarint(out intVal) || Fail(path, "truncated varint")),
                3 => ExpectWireType(wire, WireType.LengthDelimited, path) && ReadString(ref reader, path, out strVal),
                _ => reader.TrySkip(wire) || Fail(path, "malformed int-or-string"),
            };
            if (!ok)
            {
                return false;
            }
        }
        return type == 1
            ? Done(JsonValue.Create(strVal), strVal.Length == 0, out value, out isZero)
            : Done(JsonValue.Create((int)(long)intVal), intVal == 0, out value, out isZero);
    }

    private bool DecodeFieldsV1(ReadOnlySpan<byte> bytes, string path, out JsonNode? value)
    {
        value = new JsonObject();
        var reader = new WireReader(bytes);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wire))
            {
                return Fail(path, "malformed field tag");
            }
            if (number != 1)
            {
                if (!reader.TrySkip(wire))
                {
                    return Fail(path, "malformed fieldsV1");
                }
                continue;
            }
            if (!ExpectWireType(wire, WireType.LengthDelimited, path) || !ReadBytes(ref reader, path, out var raw))
            {
                return false;
            }
            if (!TryParseJson(raw, out value))
            {
                return Fail(path, "fieldsV1 raw is not valid JSON");
            }
        }
        return true;
    }
}
