using System.Text;
using System.Text.Json.Nodes;

namespace Orca.Api.Protobuf;

/// <summary>
/// Decodes request bodies in Kubernetes' protobuf encoding (<see cref="ContentType"/>) into the JSON
/// tree the same object would have had as <c>application/json</c>: "apiVersion" and "kind" from the
/// envelope, field names as in the JSON API, bytes as base64 strings, metav1.Time as RFC 3339,
/// quantities as strings, IntOrString as a number or string. Like Go's JSON encoder, plain fields
/// holding their zero value are left out, pointer fields are kept when sent, and nested structs appear
/// as objects even when empty.
/// </summary>
/// <remarks>
/// Only the kinds kubectl's typed commands send are known (v1 Namespace, ConfigMap, Secret,
/// ServiceAccount, Service, Pod, DeleteOptions; apps/v1 Deployment; policy/v1 Eviction). Stateless and
/// thread safe; never throws on any input.
/// </remarks>
public static class KubeProtobuf
{
    /// <summary>The media type of the encoding.</summary>
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Decodes an enveloped object. On failure <paramref name="obj"/> is null and <paramref name="error"/> says why.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out JsonObject? obj, out string error) =>
        TryDecode(body, out obj, out error, out _);

    /// <summary>
    /// As <see cref="TryDecode(ReadOnlySpan{byte}, out JsonObject?, out string)"/>, and also lists the
    /// paths of fields that were skipped because their numbers are not known (e.g. "spec.#99"), so a
    /// caller can warn like unknown JSON fields.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> body, out JsonObject? obj, out string error, out IReadOnlyList<string> unknownFields)
    {
        obj = null;
        unknownFields = [];
        if (!body.StartsWith(Magic))
        {
            error = "body does not start with the Kubernetes protobuf magic \"k8s\\0\"";
            return false;
        }
        if (!TryReadEnvelope(body[Magic.Length..], out var envelope, out error))
        {
            return false;
        }
        var root = ProtoSchemas.Root(envelope.ApiVersion, envelope.Kind);
        if (root is null)
        {
            error = $"no protobuf decoding is known for {envelope.ApiVersion}, Kind={envelope.Kind}";
            return false;
        }
        var result = new JsonObject { ["apiVersion"] = envelope.ApiVersion, ["kind"] = envelope.Kind };
        var decoder = new MessageDecoder();
        if (!decoder.DecodeMessage(envelope.Raw, root, result, ""))
        {
            error = decoder.Error;
            return false;
        }
        obj = result;
        unknownFields = decoder.UnknownFields;
        error = "";
        return true;
    }

    private readonly ref struct Envelope(string apiVersion, string kind, ReadOnlySpan<byte> raw)
    {
        public string ApiVersion { get; } = apiVersion;
        public string Kind { get; } = kind;
        public ReadOnlySpan<byte> Raw { get; } = raw;
    }

    /// <summary>Reads runtime.Unknown {typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}.</summary>
    private static bool TryReadEnvelope(ReadOnlySpan<byte> data, out Envelope envelope, out string error)
    {
        envelope = default;
        string apiVersion = "", kind = "", encoding = "";
        ReadOnlySpan<byte> raw = default;
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wire))
            {
                error = "envelope: malformed field tag";
                return false;
            }
            ReadOnlySpan<byte> value = default;
            var ok = number is >= 1 and <= 4
                ? wire == WireType.LengthDelimited && reader.TryReadLengthDelimited(out value)
                : reader.TrySkip(wire);
            if (!ok)
            {
                error = $"envelope: malformed field {number}";
                return false;
            }
            switch (number)
            {
                case 1 when !TryReadTypeMeta(value, out apiVersion, out kind):
                    error = "envelope: malformed typeMeta";
                    return false;
                case 2:
                    raw = value;
                    break;
                case 3:
                    encoding = Encoding.UTF8.GetString(value);
                    break;
            }
        }
        if (encoding.Length > 0)
        {
            error = $"envelope: content encoding \"{encoding}\" is not supported";
            return false;
        }
        if (apiVersion.Length == 0 || kind.Length == 0)
        {
            error = "envelope: apiVersion and kind are required";
            return false;
        }
        envelope = new Envelope(apiVersion, kind, raw);
        error = "";
        return true;
    }

    private static bool TryReadTypeMeta(ReadOnlySpan<byte> data, out string apiVersion, out string kind)
    {
        apiVersion = "";
        kind = "";
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            if (!reader.TryReadTag(out var number, out var wire))
            {
                return false;
            }
            if (number is 1 or 2)
            {
                if (wire != WireType.LengthDelimited || !reader.TryReadLengthDelimited(out var text))
                {
                    return false;
                }
                if (number == 1)
                {
                    apiVersion = Encoding.UTF8.GetString(text);
                }
                else
                {
                    kind = Encoding.UTF8.GetString(text);
                }
            }
            else if (!reader.TrySkip(wire))
            {
                return false;
            }
        }
        return true;
    }
}
