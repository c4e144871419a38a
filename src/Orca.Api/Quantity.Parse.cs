using System.Numerics;

namespace Orca.Api;

public readonly partial record struct Quantity
{
    /// <summary>Kubernetes' message for text that is not number-then-suffix.</summary>
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>Kubernetes' message for a well-formed but unknown suffix ("1K", "1e").</summary>
    public const string SuffixError = "unable to parse quantity's suffix";

    /// <summary>Kubernetes' message for a numeric part it cannot use (here: an absurd exponent).</summary>
    public const string NumericError = "unable to parse quantity's numeric part";

    // Decimal exponents beyond this are refused rather than expanded into enormous integers.
    private const int MaxDecimalExponent = 1000;

    /// <summary>Parses or throws <see cref="FormatException"/> with Kubernetes' message.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var q, out var error) ? q : throw new FormatException(error);

    /// <summary>
    /// Parses "[sign]digits[.digits][suffix]" where the suffix is a decimal SI suffix (n u m k M G T P E), a
    /// binary one (Ki Mi Gi Ti Pi Ei) or an exponent (e3, E-2). Whitespace is not allowed. On failure
    /// <paramref name="error"/> is Kubernetes' message and <paramref name="quantity"/> is zero.
    /// </summary>
    public static bool TryParse(string? text, out Quantity quantity, out string error)
    {
        quantity = default;
        error = "";
        if (string.IsNullOrEmpty(text) || !TrySplit(text, out var negative, out var whole, out var fraction, out var suffix))
        {
            error = FormatError;
            return false;
        }
        if (!TryInterpretSuffix(suffix, out var base2, out var exponent, out var format))
        {
            error = SuffixError;
            return false;
        }
        if (!base2 && Math.Abs((long)exponent) > MaxDecimalExponent)
        {
            error = NumericError;
            return false;
        }
        var digits = BigInteger.Parse(whole + fraction, System.Globalization.CultureInfo.InvariantCulture);
        var nanos = ToNanos(digits, fraction.Length, base2 ? 0 : exponent, base2 ? exponent : 0);
        if (base2)
        {
            var cap = long.MaxValue * NanosPerUnit;
            if (nanos > cap) nanos = cap;
            if (nanos < 1024 * NanosPerUnit) format = QuantityFormat.DecimalSI;
        }
        quantity = new Quantity(negative ? -nanos : nanos, format);
        return true;
    }

    // digits × 10^(exp10 - fractionDigits) × 2^exp2, in nanos, rounded up to a whole nano.
    private static BigInteger ToNanos(BigInteger digits, int fractionDigits, int exp10, int exp2)
    {
        var numerator = digits << exp2;
        var shift = 9 + exp10 - fractionDigits;
        if (shift >= 0) return numerator * BigInteger.Pow(10, shift);
        var quotient = BigInteger.DivRem(numerator, BigInteger.Pow(10, -shift), out var remainder);
        return remainder.IsZero ? quotient : quotient + 1;
    }

    // Splits text the way Kubernetes' parseQuantityString does: sign, integer digits, optional '.' and
    // fraction digits, then suffix letters from "eEinumkKMGTP" optionally followed by a signed integer.
    private static bool TrySplit(string s, out bool negative, out string whole, out string fraction, out string suffix)
    {
        negative = false;
        whole = fraction = suffix = "";
        var pos = 0;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            pos++;
        }
        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
        whole = s[start..pos];
        if (pos < s.Length && s[pos] == '.')
        {
            start = ++pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
            fraction = s[start..pos];
        }
        if (whole.Length + fraction.Length == 0) return false;
        var suffixStart = pos;
        while (pos < s.Length && "eEinumkKMGTP".Contains(s[pos])) pos++;
        if (pos < s.Length && s[pos] is '+' or '-') pos++;
        while (pos < s.Length && char.IsAsciiDigit(s[pos])) pos++;
        if (pos != s.Length) return false;
        suffix = s[suffixStart..];
        return true;
    }

    private static bool TryInterpretSuffix(string suffix, out bool base2, out int exponent, out QuantityFormat format)
    {
        base2 = false;
        format = QuantityFormat.DecimalSI;
        exponent = suffix switch
        {
            "n" => -9, "u" => -6, "m" => -3, "" => 0, "k" => 3, "M" => 6, "G" => 9, "T" => 12, "P" => 15, "E" => 18,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue) return true;
        exponent = suffix switch
        {
            "Ki" => 10, "Mi" => 20, "Gi" => 30, "Ti" => 40, "Pi" => 50, "Ei" => 60,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            base2 = true;
            format = QuantityFormat.BinarySI;
            return true;
        }
        format = QuantityFormat.DecimalExponent;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && long.TryParse(suffix.AsSpan(1), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var e))
        {
            exponent = e > int.MaxValue ? int.MaxValue : e < -int.MaxValue ? -int.MaxValue : (int)e;
            return true;
        }
        exponent = 0;
        return false;
    }
}
