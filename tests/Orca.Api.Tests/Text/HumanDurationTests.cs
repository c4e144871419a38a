using Orca.Api.Text;

namespace Orca.Api.Tests.Text;

public sealed class HumanDurationTests
{
    private const long S = 1, M = 60, H = 3600, D = 86400, Y = 365 * D;

    [Theory]
    [InlineData(-2 * S, "<invalid>")]
    [InlineData(-1 * S, "0s")]
    [InlineData(0, "0s")]
    [InlineData(1 * S, "1s")]
    [InlineData(59 * S, "59s")]
    [InlineData(60 * S, "60s")]
    [InlineData(119 * S, "119s")]
    [InlineData(2 * M, "2m")]
    [InlineData(2 * M + 3, "2m3s")]
    [InlineData(9 * M + 59, "9m59s")]
    [InlineData(10 * M, "10m")]
    [InlineData(10 * M + 30, "10m")]
    [InlineData(179 * M, "179m")]
    [InlineData(3 * H, "3h")]
    [InlineData(3 * H + 5 * M, "3h5m")]
    [InlineData(7 * H + 59 * M, "7h59m")]
    [InlineData(8 * H, "8h")]
    [InlineData(47 * H + 59 * M, "47h")]
    [InlineData(2 * D, "2d")]
    [InlineData(2 * D + 5 * H, "2d5h")]
    [InlineData(7 * D + 23 * H, "7d23h")]
    [InlineData(8 * D, "8d")]
    [InlineData(729 * D, "729d")]
    [InlineData(2 * Y, "2y")]
    [InlineData(2 * Y + 10 * D, "2y10d")]
    [InlineData(7 * Y + 364 * D, "7y364d")]
    [InlineData(8 * Y, "8y")]
    [InlineData(20 * Y + 100 * D, "20y")]
    public void Formats_like_kubectl_age(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(-2 * S, "<invalid>")]
    [InlineData(-1 * S, "0s")]
    [InlineData(59 * S, "59s")]
    [InlineData(60 * S, "1m")]
    [InlineData(119 * S, "1m")]
    [InlineData(59 * M, "59m")]
    [InlineData(H, "1h")]
    [InlineData(23 * H + 59 * M, "23h")]
    [InlineData(D, "1d")]
    [InlineData(364 * D, "364d")]
    [InlineData(Y, "1y")]
    [InlineData(3 * Y + 200 * D, "3y")]
    public void Short_form_keeps_one_unit(long seconds, string expected) =>
        Assert.Equal(expected, ShortHumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Fractional_seconds_truncate() =>
        Assert.Equal("1s", HumanDuration.Format(TimeSpan.FromMilliseconds(1999)));
}
