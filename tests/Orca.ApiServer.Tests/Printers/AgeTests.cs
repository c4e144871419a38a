using Orca.ApiServer.Printers;

namespace Orca.ApiServer.Tests.Printers;

public sealed class AgeTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-1.5, "0s")]
    [InlineData(-2, "<invalid>")]
    [InlineData(59, "59s")]
    [InlineData(119.9, "119s")]
    [InlineData(120, "2m")]
    [InlineData(125, "2m5s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(180 * 60, "3h")]
    [InlineData(3 * 3600 + 5 * 60, "3h5m")]
    [InlineData(8 * 3600 + 30 * 60, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(50 * 3600, "2d2h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(731 * 86400, "2y1d")]
    [InlineData(8 * 365 * 86400, "8y")]
    [InlineData(10 * 365 * 86400 + 86400 * 100, "10y")]
    public void Human_duration_matches_kubernetes(double seconds, string expected)
    {
        Assert.Equal(expected, Age.HumanDuration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Missing_time_is_unknown()
    {
        Assert.Equal("<unknown>", Age.Since(null, DateTimeOffset.UnixEpoch));
        Assert.Equal("5m", Age.Since(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5)));
    }
}
