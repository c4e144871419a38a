using System.Globalization;
using System.Numerics;

namespace Orca.Api;

/// <summary>
/// Kubernetes' canonical quantity text. Decimal forms strip trailing zeros and lower the exponent to a
/// multiple of three ("1500m", "100k", "100e3"). Binary form is used only for whole numbers of at least
/// 1024 in magnitude and divides out powers of 1024 ("1536Mi"); otherwise the value is written as DecimalSI.
/// </summary>
internal static class QuantityText
{
    private static readonly string[] DecimalSuffixes = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    private static readonly BigInteger NanosPerUnit = 1_000_000_000;

    public static string Canonical(BigInteger nanos, QuantityFormat format)
    {
        if (nanos.IsZero) return "0";
        if (format == QuantityFormat.BinarySI)
        {
            var whole = BigInteger.DivRem(nanos, NanosPerUnit, out var rest);
            if (rest.IsZero && BigInteger.Abs(whole) >= 1024) return Binary(whole);
            format = QuantityFormat.DecimalSI;
        }
        var (mantissa, exponent) = DecimalParts(nanos);
        if (format == QuantityFormat.DecimalExponent)
            return exponent == 0 ? Str(mantissa) : Str(mantissa) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        if (exponent > 18)
        {
            mantissa *= BigInteger.Pow(10, exponent - 18);
            exponent = 18;
        }
        return Str(mantissa) + DecimalSuffixes[(exponent + 9) / 3];
    }

    // value = mantissa × 10^exponent with the exponent a multiple of three, as large as possible.
    private static (BigInteger Mantissa, int Exponent) DecimalParts(BigInteger nanos)
    {
        var mantissa = nanos;
        var exponent = -9;
        while (true)
        {
            var q = BigInteger.DivRem(mantissa, 10, out var r);
            if (!r.IsZero) break;
            mantissa = q;
            exponent++;
        }
        while (exponent % 3 != 0)
        {
            mantissa *= 10;
            exponent--;
        }
        return (mantissa, exponent);
    }

    private static string Binary(BigInteger whole)
    {
        var power = 0;
        while (power < BinarySuffixes.Length - 1)
        {
            var q = BigInteger.DivRem(whole, 1024, out var r);
            if (!r.IsZero) break;
            whole = q;
            power++;
        }
        return Str(whole) + BinarySuffixes[power];
    }

    private static string Str(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
