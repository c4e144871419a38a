using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orca.Api;

/// <summary>
/// resource.Quantity ("500m", "1Gi", "2"). Serialized as its canonical string.
/// TODO(quantity helper): parse, canonicalise and compare as Kubernetes does.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly partial record struct Quantity(string Text)
{
    public override string ToString() => Text;
}

public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new Quantity(reader.GetString()!),
            JsonTokenType.Number => new Quantity(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
            _ => throw new JsonException("quantities must be strings or numbers"),
        };

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}

/// <summary>intstr.IntOrString: either an integer or a string ("80", "http", "25%").</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    public int? IntValue { get; init; }
    public string? StringValue { get; init; }
    public bool IsInt => IntValue.HasValue;
    public static IntOrString FromInt(int value) => new() { IntValue = value };
    public static IntOrString FromString(string value) => new() { StringValue = value };
    public override string ToString() => IntValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? StringValue ?? "";
}

public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => IntOrString.FromInt(reader.GetInt32()),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            _ => throw new JsonException("expected an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IntValue is { } i) writer.WriteNumberValue(i);
        else writer.WriteStringValue(value.StringValue ?? "");
    }
}
