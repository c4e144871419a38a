using System.Buffers.Binary;
using System.Text;

namespace Orca.Agent.Probes;

/// <summary>
/// The wire format of grpc.health.v1.Health/Check: a gRPC message is a 5-byte prefix (compressed flag,
/// big-endian length) and a protobuf body. HealthCheckRequest is field 1, string service;
/// HealthCheckResponse is field 1, enum status (SERVING = 1). Only these two messages are needed, so
/// they are encoded by hand rather than through a protobuf library.
/// </summary>
internal static class GrpcHealth
{
    public const string CheckPath = "/grpc.health.v1.Health/Check";

    /// <summary>The framed HealthCheckRequest; an empty service is an empty message (proto3 omits defaults).</summary>
    public static byte[] EncodeRequest(string service)
    {
        var name = Encoding.UTF8.GetBytes(service);
        var body = new List<byte>();
        if (name.Length > 0)
        {
            body.Add(0x0A); // field 1, wire type 2 (length-delimited)
            WriteVarint(body, (ulong)name.Length);
            body.AddRange(name);
        }
        return Frame([.. body]);
    }

    /// <summary>A message with the gRPC length prefix (uncompressed).</summary>
    public static byte[] Frame(byte[] message)
    {
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }

    /// <summary>The first framed message of a response body, or null when the body holds no whole uncompressed message.</summary>
    public static byte[]? Unframe(ReadOnlySpan<byte> body)
    {
        if (body.Length < 5 || body[0] != 0) return null;
        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
        return body.Length - 5 < length ? null : body.Slice(5, (int)length).ToArray();
    }

    /// <summary>The service name of a HealthCheckRequest body (for test servers); unknown fields are skipped.</summary>
    public static string DecodeRequest(ReadOnlySpan<byte> message) =>
        ReadField(message, 1) is { IsString: true } f ? Encoding.UTF8.GetString(message.Slice(f.Offset, f.Length)) : "";

    /// <summary>The status of a HealthCheckResponse body (0, UNKNOWN, when absent), or null when it is not valid protobuf.</summary>
    public static int? DecodeStatus(ReadOnlySpan<byte> message)
    {
        try
        {
            return ReadField(message, 1) is { IsString: false } f ? (int)f.Value : 0;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The HealthCheckResponse body carrying <paramref name="status"/>.</summary>
    public static byte[] EncodeResponse(int status)
    {
        var body = new List<byte> { 0x08 }; // field 1, wire type 0 (varint)
        WriteVarint(body, (ulong)status);
        return [.. body];
    }

    /// <summary>HealthCheckResponse.ServingStatus names, as grpc-go prints them.</summary>
    public static string StatusName(int status) => status switch
    {
        0 => "UNKNOWN",
        1 => "SERVING",
        2 => "NOT_SERVING",
        3 => "SERVICE_UNKNOWN",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>gRPC status code names (grpc-go's codes.Code.String()).</summary>
    public static string CodeName(int code) => code switch
    {
        0 => "OK", 1 => "Canceled", 2 => "Unknown", 3 => "InvalidArgument", 4 => "DeadlineExceeded", 5 => "NotFound",
        6 => "AlreadyExists", 7 => "PermissionDenied", 8 => "ResourceExhausted", 9 => "FailedPrecondition", 10 => "Aborted",
        11 => "OutOfRange", 12 => "Unimplemented", 13 => "Internal", 14 => "Unavailable", 15 => "DataLoss", 16 => "Unauthenticated",
        _ => $"Code({code})",
    };

    private readonly record struct Field(bool IsString, ulong Value, int Offset, int Length);

    /// <summary>The last occurrence of a field (protobuf's rule for scalars); null when absent. Throws FormatException on bad input.</summary>
    private static Field? ReadField(ReadOnlySpan<byte> message, int number)
    {
        Field? found = null;
        var i = 0;
        while (i < message.Length)
        {
            var key = ReadVarint(message, ref i);
            var (fieldNumber, wireType) = ((int)(key >> 3), (int)(key & 7));
            Field field;
            switch (wireType)
            {
                case 0:
                    field = new Field(false, ReadVarint(message, ref i), 0, 0);
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref i);
                    if (length < 0 || i + length > message.Length) throw new FormatException("truncated field");
                    field = new Field(true, 0, i, length);
                    i += length;
                    break;
                case 1:
                    i += 8;
                    field = default;
                    break;
                case 5:
                    i += 4;
                    field = default;
                    break;
                default:
                    throw new FormatException($"unsupported wire type {wireType}");
            }
            if (i > message.Length) throw new FormatException("truncated field");
            if (fieldNumber == number && wireType is 0 or 2) found = field;
        }
        return found;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= data.Length) throw new FormatException("truncated varint");
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new FormatException("varint too long");
    }

    private static void WriteVarint(List<byte> into, ulong value)
    {
        while (value >= 0x80)
        {
            into.Add((byte)(value | 0x80));
            value >>= 7;
        }
        into.Add((byte)value);
    }
}
