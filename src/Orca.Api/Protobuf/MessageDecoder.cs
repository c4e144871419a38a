using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orca.Api.Protobuf;

/// <summary>
/// Turns protobuf message bytes into a JSON object by walking the field tables of
/// <see cref="ProtoSchemas"/>. One instance per decode; not thread safe. Methods return false and set
/// <see cref="Error"/> on malformed input; they do not throw on any input.
/// </summary>
internal sealed partial class MessageDecoder
{
    private readonly List<string> _unknown = [];

    public string Error { get; private set; } = "";

    /// <summary>Paths of fields whose numbers are not in the tables (skipped), e.g. "spec.containers[0].#10".</summary>
    public IReadOnlyList<string> UnknownFields => _unknown;

    /// <summary>Decodes every field of <paramref name="data"/> into <paramref name="target"/>.</summary>
    public bool DecodeMessage(ReadOnlySpan<byte> data, ProtoMessage schema, JsonObject target, string path)
    {
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wireType))
            {
                return Fail(path, $"malformed field tag at offset {reader.Position}");
            }
            var field = schema.Find(number);
            if (field is null || field.Kind == ProtoKind.Ignored)
            {
                if (field is null)
                {
                    _unknown.Add(Join(path, "#" + number.ToString(CultureInfo.InvariantCulture)));
                }
                if (!reader.TrySkip(wireType))
                {
                    return Fail(Join(path, "#" + number.ToString(CultureInfo.InvariantCulture)), "malformed value");
                }
                continue;
            }
            if (!DecodeField(ref reader, wireType, field, target, path))
            {
                return false;
            }
        }
        return true;
    }

    private bool DecodeField(ref WireReader reader, WireType wireType, ProtoField field, JsonObject target, string path)
    {
        var fieldPath = Join(path, field.JsonName);
        switch (field.Shape)
        {
            case ProtoShape.Map:
                return DecodeMapEntry(ref reader, wireType, field, target, fieldPath);
            case ProtoShape.Inline:
                return ExpectWireType(wireType, WireType.LengthDelimited, fieldPath)
                    && ReadBytes(ref reader, fieldPath, out var inline)
                    && DecodeMessage(inline, ProtoSchemas.Message(field.Message!)!, target, path);
            case ProtoShape.Repeated:
                var array = target[field.JsonName] as JsonArray ?? new JsonArray();
                target[field.JsonName] = array;
                if (wireType == WireType.LengthDelimited && IsVarintKind(field.Kind))
                {
                    return DecodePacked(ref reader, field.Kind, array, fieldPath);
                }
                var itemPath = $"{fieldPath}[{array.Count}]";
                if (!DecodeValue(ref reader, wireType, field.Kind, field.Message, itemPath, out var item, out _))
                {
                    return false;
                }
                array.Add(item);
                return true;
            default:
                if (!DecodeValue(ref reader, wireType, field.Kind, field.Message, fieldPath, out var value, out var isZero))
                {
                    return false;
                }
                if (isZero && field.Shape == ProtoShape.Single)
                {
                    target.Remove(field.JsonName);
                }
                else
                {
                    target[field.JsonName] = value;
                }
                return true;
        }
    }

    private bool DecodeMapEntry(ref WireReader outer, WireType wireType, ProtoField field, JsonObject target, string path)
    {
        if (!ExpectWireType(wireType, WireType.LengthDelimited, path) || !ReadBytes(ref outer, path, out var entry))
        {
            return false;
        }
        var reader = new WireReader(entry);
        var key = "";
        JsonNode? value = null;
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var entryWire))
            {
                return Fail(path, "malformed map entry tag");
            }
            var ok = number switch
            {
                1 => ExpectWireType(entryWire, WireType.LengthDelimited, path) && ReadString(ref reader, path, out key),
                2 => DecodeValue(ref reader, entryWire, field.Kind, field.Message, $"{path}[{key}]", out value, out _),
                _ => reader.TrySkip(entryWire) || Fail(path, "malformed map entry"),
            };
            if (!ok)
            {
                return false;
            }
        }
        var map = target[field.JsonName] as JsonObject ?? new JsonObject();
        target[field.JsonName] = map;
        map[key] = value ?? ZeroOf(field.Kind);
        return true;
    }

    private bool DecodePacked(ref WireReader outer, ProtoKind kind, JsonArray array, string path)
    {
        if (!ReadBytes(ref outer, path, out var packed))
        {
            return false;
        }
        var reader = new WireReader(packed);
        while (!reader.AtEnd)
        {
            if (!DecodeValue(ref reader, WireType.Varint, kind, null, $"{path}[{array.Count}]", out var item, out _))
            {
                return false;
            }
            array.Add(item);
        }
        return true;
    }

    private static bool IsVarintKind(ProtoKind kind) => kind is ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.Bool;

    private static JsonNode ZeroOf(ProtoKind kind) => kind switch
    {
        ProtoKind.Int32 or ProtoKind.Int64 => JsonValue.Create(0),
        ProtoKind.Bool => JsonValue.Create(false),
        ProtoKind.Message => new JsonObject(),
        ProtoKind.Quantity => JsonValue.Create("0"),
        _ => JsonValue.Create(""),
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private bool ExpectWireType(WireType actual, WireType expected, string path) =>
        actual == expected || Fail(path, $"wire type {(int)actual}, expected {(int)expected}");

    private bool ReadBytes(ref WireReader reader, string path, out ReadOnlySpan<byte> bytes) =>
        reader.TryReadLengthDelimited(out bytes) || Fail(path, "truncated length-delimited value");

    private bool ReadString(ref WireReader reader, string path, out string value)
    {
        value = "";
        if (!ReadBytes(ref reader, path, out var bytes))
        {
            return false;
        }
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    private bool Fail(string path, string message)
    {
        Error = path.Length == 0 ? message : $"{path}: {message}";
        return false;
    }

    private static bool TryParseJson(ReadOnlySpan<byte> raw, out JsonNode? node)
    {
        try
        {
            node = raw.IsEmpty ? new JsonObject() : JsonNode.Parse(raw);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }
}
