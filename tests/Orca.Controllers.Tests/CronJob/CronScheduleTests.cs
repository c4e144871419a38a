using System.Globalization;
using Orca.Controllers.CronJobs;

namespace Orca.Controllers.Tests.CronJobs;

/// <summary>The cron parser and next-time arithmetic, table-driven.</summary>
public sealed class CronScheduleTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static TheoryData<string, string, string> NextTimes => new()
    {
        // schedule, after (UTC), next (UTC)
        { "* * * * *", "2025-01-01T00:00:00Z", "2025-01-01T00:01:00Z" },
        { "* * * * *", "2025-01-01T00:00:30Z", "2025-01-01T00:01:00Z" },
        { "*/15 * * * *", "2025-01-01T00:14:59Z", "2025-01-01T00:15:00Z" },
        { "*/15 * * * *", "2025-01-01T00:45:00Z", "2025-01-01T01:00:00Z" },
        { "5/20 * * * *", "2025-01-01T00:26:00Z", "2025-01-01T00:45:00Z" },
        { "0 9-17/4 * * *", "2025-01-01T10:00:00Z", "2025-01-01T13:00:00Z" },
        { "30 6,18 * * *", "2025-01-01T07:00:00Z", "2025-01-01T18:30:00Z" },
        { "0 0 * * MON-FRI", "2025-01-03T12:00:00Z", "2025-01-06T00:00:00Z" },   // Friday → Monday
        { "0 0 * * sun", "2025-01-01T00:00:00Z", "2025-01-05T00:00:00Z" },
        { "0 0 1 JAN,jul *", "2025-01-02T00:00:00Z", "2025-07-01T00:00:00Z" },
        { "0 0 13 * 5", "2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z" },        // day 13 OR Friday
        { "0 0 13 * *", "2025-01-01T00:00:00Z", "2025-01-13T00:00:00Z" },
        { "0 0 * * 5", "2025-01-04T00:00:00Z", "2025-01-10T00:00:00Z" },
        { "0 0 29 2 *", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z" },
        { "0 12 ? * ?", "2025-01-01T12:00:00Z", "2025-01-02T12:00:00Z" },
        { "@hourly", "2025-01-01T00:30:00Z", "2025-01-01T01:00:00Z" },
        { "@daily", "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z" },
        { "@midnight", "2025-01-01T23:59:00Z", "2025-01-02T00:00:00Z" },
        { "@weekly", "2025-01-01T00:00:00Z", "2025-01-05T00:00:00Z" },
        { "@monthly", "2025-01-15T00:00:00Z", "2025-02-01T00:00:00Z" },
        { "@yearly", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z" },
        { "@annually", "2025-06-01T00:00:00Z", "2026-01-01T00:00:00Z" },
        { "@every 90m", "2025-01-01T00:00:00Z", "2025-01-01T01:30:00Z" },
    };

    [Theory]
    [MemberData(nameof(NextTimes))]
    public void Next_is_the_first_activation_after_the_given_time(string schedule, string after, string next)
    {
        var parsed = CronSchedule.Parse(schedule, null, out var error);
        Assert.Null(error);
        Assert.Equal(At(next), parsed!.Next(At(after)));
    }

    public static TheoryData<string, string> Errors => new()
    {
        { "", "empty spec string" },
        { "* * * *", "expected exactly 5 fields, found 4: [* * * *]" },
        { "60 * * * *", "end of range (60) above maximum (59): 60" },
        { "* 24 * * *", "end of range (24) above maximum (23): 24" },
        { "* * 0 * *", "beginning of range (0) below minimum (1): 0" },
        { "* * * 13 *", "end of range (13) above maximum (12): 13" },
        { "* * * * 7", "end of range (7) above maximum (6): 7" },
        { "5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1" },
        { "*/0 * * * *", "step of range should be a positive number: */0" },
        { "1-2-3 * * * *", "too many hyphens: 1-2-3" },
        { "*/2/3 * * * *", "too many slashes: */2/3" },
        { "x * * * *", "failed to parse int from x" },
        { "@fortnightly", "unrecognized descriptor: @fortnightly" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_malformed_schedule_is_refused_with_the_parser_message(string schedule, string message)
    {
        Assert.Null(CronSchedule.Parse(schedule, null, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_time_zone_moves_the_wall_clock_the_fields_are_read_in()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var schedule = CronSchedule.Parse("0 9 * * *", paris, out _)!;
        Assert.Equal(At("2025-01-01T08:00:00Z"), schedule.Next(At("2025-01-01T00:00:00Z")));   // CET, +01:00
        Assert.Equal(At("2025-07-01T07:00:00Z"), schedule.Next(At("2025-07-01T00:00:00Z")));   // CEST, +02:00
    }

    [Fact]
    public void Daylight_saving_skips_missing_wall_times_and_runs_repeated_ones_once()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var gap = CronSchedule.Parse("30 2 * * *", newYork, out _)!;
        // 2025-03-09 02:30 does not exist in New York; the next run is on the 10th.
        Assert.Equal(At("2025-03-10T06:30:00Z"), gap.Next(At("2025-03-09T05:00:00Z")));
        var repeated = CronSchedule.Parse("30 1 * * *", newYork, out _)!;
        // 2025-11-02 01:30 happens twice; only the first (EDT, 05:30Z) runs.
        var first = repeated.Next(At("2025-11-02T04:00:00Z"));
        Assert.Equal(At("2025-11-02T05:30:00Z"), first);
        Assert.Equal(At("2025-11-03T06:30:00Z"), repeated.Next(first!.Value));
    }
}
