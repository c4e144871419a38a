using System.Text.Json;

namespace Orca.Api.Tests;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("1000m", "1")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("100m", "100m")]
    [InlineData("1n", "1n")]
    [InlineData("0.1n", "1n")]
    [InlineData("-0.1n", "-1n")]
    [InlineData("0.1m", "100u")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Gi", "512Mi")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("8Ki", "8Ki")]
    [InlineData("1023", "1023")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1.1Ki", "1126400m")]
    [InlineData("1000Ki", "1000Ki")]
    [InlineData("1k", "1k")]
    [InlineData("1000", "1k")]
    [InlineData("1100", "1100")]
    [InlineData("1.1M", "1100k")]
    [InlineData("5G", "5G")]
    [InlineData("2T", "2T")]
    [InlineData("3P", "3P")]
    [InlineData("1E", "1E")]
    [InlineData("1000E", "1000E")]
    [InlineData("100e3", "100e3")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E3", "1e3")]
    [InlineData("1e6", "1e6")]
    [InlineData("1e0", "1")]
    [InlineData("5e-3", "5e-3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("+1", "1")]
    [InlineData("-1", "-1")]
    [InlineData("-1.5Gi", "-1536Mi")]
    [InlineData("-100m", "-100m")]
    [InlineData("007", "7")]
    [InlineData("1.", "1")]
    [InlineData(".5", "500m")]
    [InlineData("0.000000001", "1n")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    [InlineData("1u", "1u")]
    [InlineData("1000u", "1m")]
    [InlineData("0Gi", "0")]
    [InlineData("-0", "0")]
    [InlineData("10Ei", "9223372036854775807")]
    public void Parses_and_canonicalises_like_kubernetes(string input, string canonical)
    {
        Assert.True(Quantity.TryParse(input, out var q, out var error), error);
        Assert.Equal(canonical, q.ToString());
        Assert.Equal(q, Quantity.Parse(canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1.1.M")]
    [InlineData("1+1.0M")]
    [InlineData("aoeu")]
    [InlineData("-")]
    [InlineData("1x")]
    [InlineData("1Mi1Z")]
    public void Rejects_malformed_text_with_the_regex_message(string input)
    {
        Assert.False(Quantity.TryParse(input, out var q, out var error));
        Assert.Equal("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", error);
        Assert.True(q.IsZero);
    }

    [Theory]
    [InlineData("1K")]
    [InlineData("1e")]
    [InlineData("0.1mi")]
    [InlineData("1i")]
    [InlineData(".5i")]
    [InlineData("1kk")]
    [InlineData("1Mii")]
    [InlineData("-3.01e-")]
    public void Rejects_unknown_suffixes(string input)
    {
        Assert.False(Quantity.TryParse(input, out _, out var error));
        Assert.Equal("unable to parse quantity's suffix", error);
    }

    [Fact]
    public void Parse_throws_format_exception_with_the_kubernetes_message()
    {
        var ex = Assert.Throws<FormatException>(() => Quantity.Parse("1K"));
        Assert.Equal("unable to parse quantity's suffix", ex.Message);
    }

    [Theory]
    [InlineData("1", 1L, 1000L)]
    [InlineData("100m", 1L, 100L)]
    [InlineData("1500m", 2L, 1500L)]
    [InlineData("1n", 1L, 1L)]
    [InlineData("-100m", -1L, -100L)]
    [InlineData("1Gi", 1073741824L, 1073741824000L)]
    [InlineData("0", 0L, 0L)]
    [InlineData("2.5", 3L, 2500L)]
    public void Value_and_milli_value_round_away_from_zero(string input, long value, long milli)
    {
        var q = Quantity.Parse(input);
        Assert.Equal(value, q.Value());
        Assert.Equal(milli, q.MilliValue());
    }

    [Theory]
    [InlineData("1", "1000m", 0)]
    [InlineData("1Ki", "1024", 0)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("500m", "0.6", -1)]
    [InlineData("-1", "0", -1)]
    [InlineData("1e3", "1k", 0)]
    public void Compares_values_not_formats(string a, string b, int expected)
    {
        var qa = Quantity.Parse(a);
        var qb = Quantity.Parse(b);
        Assert.Equal(expected, Math.Sign(qa.CompareTo(qb)));
        Assert.Equal(expected == 0, qa == qb);
        if (expected == 0) Assert.Equal(qa.GetHashCode(), qb.GetHashCode());
    }

    [Theory]
    [InlineData("1", "500m", "1500m", "500m")]
    [InlineData("1Gi", "512Mi", "1536Mi", "512Mi")]
    [InlineData("0", "1Gi", "1Gi", "-1Gi")]
    [InlineData("100m", "100m", "200m", "0")]
    [InlineData("1e3", "1", "1001", "999")]
    [InlineData("0.1", "0.2", "300m", "-100m")]
    public void Adds_and_subtracts_exactly(string a, string b, string sum, string difference)
    {
        var qa = Quantity.Parse(a);
        var qb = Quantity.Parse(b);
        Assert.Equal(sum, (qa + qb).ToString());
        Assert.Equal(difference, qa.Sub(qb).ToString());
    }

    [Fact]
    public void Default_is_zero()
    {
        Quantity q = default;
        Assert.True(q.IsZero);
        Assert.Equal("0", q.ToString());
        Assert.Equal(Quantity.Zero, Quantity.Parse("0m"));
    }

    [Fact]
    public void Binary_values_are_capped_at_int64_max()
    {
        var q = Quantity.Parse("100Ei");
        Assert.Equal(long.MaxValue, q.Value());
    }

    [Theory]
    [InlineData("\"1000m\"", "\"1\"")]
    [InlineData("\"1.5Gi\"", "\"1536Mi\"")]
    [InlineData("2", "\"2\"")]
    [InlineData("0.5", "\"500m\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("\" 1Gi \"", "\"1Gi\"")]
    public void Json_reads_strings_and_numbers_and_writes_canonical_strings(string json, string expected)
    {
        var q = JsonSerializer.Deserialize<Quantity>(json);
        Assert.Equal(expected, JsonSerializer.Serialize(q));
    }

    [Fact]
    public void Json_rejects_invalid_quantities_with_the_kubernetes_message()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Quantity>("\"1.1.1\""));
        Assert.Contains("quantities must match the regular expression", ex.Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Quantity>("true"));
    }

    [Fact]
    public void Json_null_reads_as_zero()
    {
        Assert.True(JsonSerializer.Deserialize<Quantity>("null").IsZero);
    }

    [Fact]
    public void Legacy_string_constructor_parses()
    {
        Assert.Equal("1536Mi", new Quantity("1.5Gi").Text);
        Assert.Throws<FormatException>(() => new Quantity("bad"));
    }
}
