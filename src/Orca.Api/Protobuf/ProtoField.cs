namespace Orca.Api.Protobuf;

/// <summary>How a field's (or a map value's) wire value turns into JSON.</summary>
internal enum ProtoKind
{
    String,
    Int32,
    Int64,
    Bool,
    /// <summary>bytes, rendered as a base64 JSON string.</summary>
    Bytes,
    /// <summary>A nested message named by <see cref="ProtoField.Message"/>.</summary>
    Message,
    /// <summary>metav1.Time {seconds=1, nanos=2}, rendered as an RFC 3339 string in whole seconds.</summary>
    Time,
    /// <summary>resource.Quantity {string=1}, rendered as its string.</summary>
    Quantity,
    /// <summary>intstr.IntOrString {type=1, intVal=2, strVal=3}, rendered as a number or a string.</summary>
    IntOrString,
    /// <summary>metav1.FieldsV1 {raw=1}, whose bytes are themselves a JSON document.</summary>
    FieldsV1,
    /// <summary>A known field whose content is dropped (e.g. status on create).</summary>
    Ignored,
}

/// <summary>How many values a field holds and whether a zero value is meaningful.</summary>
internal enum ProtoShape
{
    /// <summary>A plain Go value: zero scalars are omitted from the JSON, like Go's omitempty.</summary>
    Single,
    /// <summary>A Go pointer: present on the wire means present in JSON, zero or not.</summary>
    Optional,
    Repeated,
    /// <summary>map&lt;string, value&gt;, sent as repeated entry messages {key=1, value=2}.</summary>
    Map,
    /// <summary>An embedded Go struct whose fields JSON flattens into the parent object.</summary>
    Inline,
}

/// <summary>One field of a message table.</summary>
internal sealed record ProtoField(int Number, string JsonName, ProtoKind Kind, ProtoShape Shape, string? Message = null);

/// <summary>A message table: field number to field.</summary>
internal sealed class ProtoMessage
{
    private readonly Dictionary<int, ProtoField> _fields;

    public ProtoMessage(string name, params ProtoField[] fields)
    {
        Name = name;
        _fields = fields.ToDictionary(f => f.Number);
    }

    public string Name { get; }

    public IEnumerable<ProtoField> Fields => _fields.Values;

    public ProtoField? Find(int number) => _fields.GetValueOrDefault(number);
}

/// <summary>Terse constructors for the schema tables.</summary>
internal static class F
{
    public static ProtoField Str(int n, string json) => new(n, json, ProtoKind.String, ProtoShape.Single);
    public static ProtoField OptStr(int n, string json) => new(n, json, ProtoKind.String, ProtoShape.Optional);
    public static ProtoField Strs(int n, string json) => new(n, json, ProtoKind.String, ProtoShape.Repeated);
    public static ProtoField I32(int n, string json) => new(n, json, ProtoKind.Int32, ProtoShape.Single);
    public static ProtoField OptI32(int n, string json) => new(n, json, ProtoKind.Int32, ProtoShape.Optional);
    public static ProtoField I64(int n, string json) => new(n, json, ProtoKind.Int64, ProtoShape.Single);
    public static ProtoField OptI64(int n, string json) => new(n, json, ProtoKind.Int64, ProtoShape.Optional);
    public static ProtoField I64s(int n, string json) => new(n, json, ProtoKind.Int64, ProtoShape.Repeated);
    public static ProtoField Bool(int n, string json) => new(n, json, ProtoKind.Bool, ProtoShape.Single);
    public static ProtoField OptBool(int n, string json) => new(n, json, ProtoKind.Bool, ProtoShape.Optional);
    public static ProtoField Time(int n, string json) => new(n, json, ProtoKind.Time, ProtoShape.Single);
    public static ProtoField OptTime(int n, string json) => new(n, json, ProtoKind.Time, ProtoShape.Optional);
    public static ProtoField OptQuantity(int n, string json) => new(n, json, ProtoKind.Quantity, ProtoShape.Optional);
    public static ProtoField IntStr(int n, string json) => new(n, json, ProtoKind.IntOrString, ProtoShape.Single);
    public static ProtoField OptIntStr(int n, string json) => new(n, json, ProtoKind.IntOrString, ProtoShape.Optional);
    public static ProtoField Msg(int n, string json, string message) => new(n, json, ProtoKind.Message, ProtoShape.Single, message);
    public static ProtoField OptMsg(int n, string json, string message) => new(n, json, ProtoKind.Message, ProtoShape.Optional, message);
    public static ProtoField Msgs(int n, string json, string message) => new(n, json, ProtoKind.Message, ProtoShape.Repeated, message);
    public static ProtoField Inline(int n, string message) => new(n, "", ProtoKind.Message, ProtoShape.Inline, message);
    public static ProtoField StrMap(int n, string json) => new(n, json, ProtoKind.String, ProtoShape.Map);
    public static ProtoField BytesMap(int n, string json) => new(n, json, ProtoKind.Bytes, ProtoShape.Map);
    public static ProtoField QuantityMap(int n, string json) => new(n, json, ProtoKind.Quantity, ProtoShape.Map);
    public static ProtoField Ignored(int n, string json) => new(n, json, ProtoKind.Ignored, ProtoShape.Single);
}
