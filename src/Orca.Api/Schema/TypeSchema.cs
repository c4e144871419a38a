namespace Orca.Api.Schema;

/// <summary>The JSON shape of an API type or field, as OpenAPI and the patch engines see it.</summary>
public enum SchemaKind
{
    Object,
    Array,
    Map,
    String,
    /// <summary>A whole number; <see cref="TypeSchema.Format"/> is "int32" or "int64".</summary>
    Integer,
    Number,
    Boolean,
    DateTime,
    Quantity,
    IntOrString,
    /// <summary>A base64 string holding bytes.</summary>
    Bytes,
    /// <summary>Free-form JSON (x-kubernetes-preserve-unknown-fields): never checked, merged as plain JSON.</summary>
    Any,
}

/// <summary>
/// The schema of one CLR type used in the API. Built once by <see cref="SchemaRegistry"/> and
/// immutable after that; instances are shared and safe to read from any thread. A recursive type
/// refers back to the same instance, so walkers must follow the JSON they walk, not the schema.
/// </summary>
public sealed class TypeSchema
{
    private static readonly IReadOnlyDictionary<string, FieldSchema> NoProperties = new OrderedDictionary<string, FieldSchema>();

    internal TypeSchema(SchemaKind kind, Type clrType, string? format = null)
    {
        Kind = kind;
        ClrType = clrType;
        Format = format;
    }

    public SchemaKind Kind { get; }

    public Type ClrType { get; }

    /// <summary>OpenAPI format: "int32"/"int64" for integers, "double" for numbers, "date-time", "byte".</summary>
    public string? Format { get; }

    /// <summary>Fields of an object in declaration order, keyed by JSON name; empty for other kinds.</summary>
    public IReadOnlyDictionary<string, FieldSchema> Properties { get; internal set; } = NoProperties;

    /// <summary>JSON names of the required fields of an object.</summary>
    public IReadOnlyList<string> Required { get; internal set; } = [];

    public string? Description { get; internal set; }

    /// <summary>The element schema of an array.</summary>
    public TypeSchema? Items { get; internal set; }

    /// <summary>The value schema of a map (keys are always strings).</summary>
    public TypeSchema? Values { get; internal set; }

    /// <summary>Allowed values of a string enum, or empty.</summary>
    public IReadOnlyList<string> EnumValues { get; internal set; } = [];

    /// <summary>The field of an object by JSON name, or null (also for non-objects).</summary>
    public FieldSchema? Field(string jsonName) => Properties.GetValueOrDefault(jsonName);

    public override string ToString() => $"{Kind} ({ClrType.Name})";
}
