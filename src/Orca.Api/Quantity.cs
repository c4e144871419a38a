using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orca.Api;

/// <summary>How a <see cref="Quantity"/> is written back out; taken from the suffix it was parsed with.</summary>
public enum QuantityFormat
{
    /// <summary>Powers of ten with SI suffixes: n u m "" k M G T P E.</summary>
    DecimalSI,

    /// <summary>Powers of two: Ki Mi Gi Ti Pi Ei.</summary>
    BinarySI,

    /// <summary>Powers of ten as an exponent: 1e3, 5e-3.</summary>
    DecimalExponent,
}

/// <summary>
/// resource.Quantity ("500m", "1Gi", "2"): an exact decimal number with nano precision and the format it
/// was written in. Values finer than 1n are rounded away from zero when parsed; binary-suffixed values
/// are capped at 2^63-1. Equality and ordering compare values only ("1Ki" equals "1024"). Serialized as
/// its canonical string, which is how Kubernetes writes it back ("1000m" → "1", "1.5Gi" → "1536Mi").
/// Immutable and thread safe.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly partial record struct Quantity : IComparable<Quantity>
{
    private static readonly BigInteger NanosPerUnit = 1_000_000_000;

    private readonly BigInteger _nanos;

    private Quantity(BigInteger nanos, QuantityFormat format)
    {
        _nanos = nanos;
        Format = format;
    }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> carrying Kubernetes' message when invalid.</summary>
    public Quantity(string text) => this = Parse(text);

    public QuantityFormat Format { get; }

    /// <summary>The canonical string (same as <see cref="ToString"/>).</summary>
    public string Text => ToString();

    /// <summary>The exact value in units of 10^-9.</summary>
    public BigInteger Nanos => _nanos;

    public bool IsZero => _nanos.IsZero;

    public int Sign => _nanos.Sign;

    public static Quantity Zero => default;

    public static Quantity FromValue(long value, QuantityFormat format = QuantityFormat.DecimalSI) => new(value * NanosPerUnit, format);

    public static Quantity FromMilli(long milli, QuantityFormat format = QuantityFormat.DecimalSI) => new(milli * (BigInteger)1_000_000, format);

    public static Quantity FromNanos(BigInteger nanos, QuantityFormat format = QuantityFormat.DecimalSI) => new(nanos, format);

    /// <summary>The value in whole units, rounded away from zero ("100m" → 1), clamped to the long range.</summary>
    public long Value() => ScaledValue(0);

    /// <summary>The value in thousandths, rounded away from zero ("1n" → 1), clamped to the long range.</summary>
    public long MilliValue() => ScaledValue(-3);

    /// <summary>The value in units of 10^<paramref name="scale"/> (scale ≥ -9), rounded away from zero and clamped.</summary>
    public long ScaledValue(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, -9);
        var divisor = BigInteger.Pow(10, scale + 9);
        var quotient = BigInteger.DivRem(_nanos, divisor, out var remainder);
        if (!remainder.IsZero) quotient += _nanos.Sign;
        return quotient > long.MaxValue ? long.MaxValue : quotient < long.MinValue ? long.MinValue : (long)quotient;
    }

    /// <summary>An approximation for display and scoring; never use it to compare or add.</summary>
    public double ToDouble() => (double)_nanos / 1e9;

    /// <summary>Sum; a zero left-hand side takes the right-hand side's format, otherwise the left's format is kept.</summary>
    public Quantity Add(Quantity other) => new(_nanos + other._nanos, IsZero ? other.Format : Format);

    public Quantity Sub(Quantity other) => new(_nanos - other._nanos, IsZero ? other.Format : Format);

    public Quantity Neg() => new(-_nanos, Format);

    public static Quantity operator +(Quantity a, Quantity b) => a.Add(b);

    public static Quantity operator -(Quantity a, Quantity b) => a.Sub(b);

    public static Quantity operator -(Quantity a) => a.Neg();

    public static bool operator <(Quantity a, Quantity b) => a._nanos < b._nanos;

    public static bool operator >(Quantity a, Quantity b) => a._nanos > b._nanos;

    public static bool operator <=(Quantity a, Quantity b) => a._nanos <= b._nanos;

    public static bool operator >=(Quantity a, Quantity b) => a._nanos >= b._nanos;

    /// <summary>-1, 0 or 1 comparing values (format is ignored).</summary>
    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);

    public bool Equals(Quantity other) => _nanos == other._nanos;

    public override int GetHashCode() => _nanos.GetHashCode();

    public override string ToString() => QuantityText.Canonical(_nanos, Format);
}

/// <summary>
/// Reads a quantity from a JSON string or number (surrounding whitespace ignored, null reads as zero) and
/// writes its canonical string. Invalid input throws <see cref="JsonException"/> whose message is
/// Kubernetes' parse error, so a request body with a bad quantity can be answered with a 400.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override bool HandleNull => true;

    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
            _ => throw new JsonException("quantities must be strings or numbers"),
        };
        if (text is null) return default;
        return Quantity.TryParse(text.Trim(), out var q, out var error) ? q : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
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
