using Orca.Api.Protobuf;

namespace Orca.Api.Tests.Protobuf;

public sealed class InvalidBodyTests
{
    private static byte[] Magic => "k8s\0"u8.ToArray();

    private static byte[] WithRaw(byte[] raw) => ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Raw(raw));

    public static TheoryData<string, byte[], string> Cases => new()
    {
        { "empty body", [], "magic" },
        { "json body", "{\"kind\":\"ConfigMap\"}"u8.ToArray(), "magic" },
        { "bad magic", [0x6b, 0x38, 0x73, 0x01, 0x0a, 0x00], "magic" },
        { "magic only", Magic, "apiVersion and kind are required" },
        { "truncated envelope varint", [.. Magic, 0x0a, 0x80], "envelope" },
        { "envelope length past end", [.. Magic, 0x0a, 0x05, 0x0a], "envelope" },
        { "typeMeta with wrong wire type", [.. Magic, 0x08, 0x01], "envelope" },
        { "unknown kind", ProtoWriter.Envelope("v1", "Frobnicator", new ProtoWriter()), "Kind=Frobnicator" },
        { "content encoding", ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter(), "gzip"), "gzip" },
        { "truncated varint in object", WithRaw([0x20, 0xff]), "immutable: truncated varint" },
        { "eleven-byte varint", WithRaw([0x20, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), "truncated varint" },
        { "string sent as varint", WithRaw([0x0a, 0x02, 0x08, 0x01]), "metadata.name: wire type 0, expected 2" },
        { "bool sent as bytes", WithRaw([0x22, 0x01, 0x01]), "immutable: wire type 2, expected 0" },
        { "nested length past end", WithRaw([0x0a, 0x04, 0x0a, 0x09, 0x61, 0x62]), "metadata.name: truncated length-delimited value" },
        { "field number zero", WithRaw([0x02, 0x00]), "malformed field tag" },
        { "group wire type in unknown field", WithRaw([0x33, 0x34]), "#6" },
        { "map entry key as varint", WithRaw([0x12, 0x02, 0x08, 0x01]), "data: wire type 0, expected 2" },
        {
            "time out of range",
            WithRaw(new ProtoWriter().Msg(1, m => m.Msg(8, t => t.Varint(1, long.MaxValue))).ToArray()),
            "metadata.creationTimestamp: time"
        },
        {
            "fieldsV1 not json",
            WithRaw(new ProtoWriter().Msg(1, m => m.Msg(17, e => e.Msg(7, f => f.Str(1, "{not json")))).ToArray()),
            "metadata.managedFields[0].fieldsV1: fieldsV1 raw is not valid JSON"
        },
        {
            "int-or-string with string intVal",
            ProtoWriter.Envelope("v1", "Service", new ProtoWriter().Msg(2, s => s.Msg(1, p => p.Msg(4, t => t.Str(2, "x"))))),
            "spec.ports[0].targetPort: wire type 2, expected 0"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FailsWithAnErrorAndDoesNotThrow(string name, byte[] body, string errorPart)
    {
        Assert.False(KubeProtobuf.TryDecode(body, out var obj, out var error), name);
        Assert.Null(obj);
        Assert.Contains(errorPart, error);
    }
}
