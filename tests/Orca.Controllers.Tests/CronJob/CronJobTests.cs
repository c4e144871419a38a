using Orca.Api.Batch;
using Orca.Client;
using Orca.Controllers.Tests.Jobs;
using static Orca.Controllers.Tests.CronJobs.CronJobSupport;

namespace Orca.Controllers.Tests.CronJobs;

/// <summary>CronJobs on hollow nodes and a fake clock: naming, status, concurrency, deadlines, history, a day of schedules.</summary>
public sealed class CronJobTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Each_start_time_creates_a_job_named_by_its_minute_and_status_tracks_it_until_it_completes()
    {
        await using var cluster = await StartAsync(TimeSpan.FromSeconds(20));
        var cj = await cluster.CreateCronJobAsync(New("tick", "* * * * *"));
        Assert.Null((await cluster.GetCronJobAsync("tick")).Status.LastScheduleTime);

        await cluster.AdvanceToNextAsync(Minute);
        var now = cluster.Clock.GetUtcNow();
        var scheduled = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Minute.Ticks, TimeSpan.Zero);
        var job = (await cluster.CronJobsJobsWhenAsync("tick", j => j.Count == 1, "one job")).Single();
        Assert.Equal($"tick-{Minutes(scheduled)}", job.Metadata.Name);
        Assert.Equal(CronJobJobsText(scheduled), job.Metadata.Annotations!["batch.kubernetes.io/cronjob-scheduled-timestamp"]);
        Assert.Equal("tick", job.Metadata.Labels!["cron"]);
        var owner = Assert.Single(job.Metadata.OwnerReferences!);
        Assert.Equal(("CronJob", cj.Metadata.Uid, true), (owner.Kind, owner.Uid, owner.Controller));
        var running = await cluster.CronJobWhenAsync("tick", c => c.Status.Active?.Count == 1, "one active");
        Assert.Equal(job.Metadata.Name, running.Status.Active![0].Name);
        Assert.Equal(scheduled, running.Status.LastScheduleTime);
        await cluster.EventAsync("tick", "SuccessfulCreate", $"Created job {job.Metadata.Name}");

        await cluster.JobPodsWhenAsync(job.Metadata.Name!, p => p.Count == 1 && p[0].Status.Phase == "Running", "its pod running");
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(5));
        var done = await cluster.CronJobWhenAsync("tick", c => c.Status.Active is null && c.Status.LastSuccessfulTime is not null, "job seen completed");
        var finished = await cluster.GetJobAsync(job.Metadata.Name!);
        Assert.Equal(finished.Status.CompletionTime, done.Status.LastSuccessfulTime);
        await cluster.EventAsync("tick", "SawCompletedJob", $"Saw completed job: {job.Metadata.Name}, condition: Complete");
    }

    [Fact]
    public async Task A_day_of_hourly_schedules_in_a_time_zone_runs_24_jobs_and_keeps_three()
    {
        await using var cluster = await StartAsync(Minute);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        await cluster.CreateCronJobAsync(New("hourly", "0 * * * *", c => c.Spec.TimeZone = "Asia/Kolkata"));
        var start = cluster.Clock.GetUtcNow();

        for (var hour = 1; hour <= 24; hour++)
        {
            // An hour at a time (in 5-minute steps), waiting for its job, so a slow machine never skips a start time.
            await cluster.AdvanceAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
            var expected = hour;
            await ControllerCluster.EventuallyAsync(async () => (await cluster.EventsAsync("hourly", "SuccessfulCreate")).Sum(e => e.Count ?? 1) == expected, $"{expected} jobs created");
        }
        // Kolkata is UTC+05:30: its whole hours are half past in UTC.
        var cj = await cluster.GetCronJobAsync("hourly");
        var last = cj.Status.LastScheduleTime!.Value;
        Assert.Equal(30, last.UtcDateTime.Minute);
        Assert.True(last > start + TimeSpan.FromHours(23) && last <= start + TimeSpan.FromHours(24));
        var jobs = await cluster.CronJobsJobsWhenAsync("hourly", j => j.Count(x => x.TrueCondition("Complete") is not null) == 3 && j.Count <= 4, "three completed jobs kept");
        var lastJob = await cluster.GetJobAsync($"hourly-{Minutes(last)}");
        Assert.Equal(CronJobJobsText(TimeZoneInfo.ConvertTime(last, zone)), lastJob.Metadata.Annotations!["batch.kubernetes.io/cronjob-scheduled-timestamp"]);
        Assert.EndsWith("+05:30", lastJob.Metadata.Annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"], StringComparison.Ordinal);
        Assert.True((await cluster.EventsAsync("hourly", "SuccessfulDelete")).Sum(e => e.Count ?? 1) >= 20);
    }

    [Fact]
    public async Task Forbid_skips_start_times_while_a_job_runs()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateCronJobAsync(New("single", "* * * * *", c => c.Spec.ConcurrencyPolicy = "Forbid"));
        await cluster.AdvanceToNextAsync(Minute);
        await cluster.CronJobsJobsWhenAsync("single", j => j.Count == 1, "one job");

        await cluster.AdvanceAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30));
        await cluster.EventAsync("single", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
        Assert.Single(await cluster.CronJobsJobsAsync("single"));
    }

    [Fact]
    public async Task Allow_runs_jobs_side_by_side_and_Replace_deletes_the_running_one()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateCronJobAsync(New("many", "* * * * *"));
        await cluster.AdvanceToNextAsync(Minute);
        await cluster.CronJobsJobsWhenAsync("many", j => j.Count == 1, "one job");
        for (var count = 2; count <= 3; count++)
        {
            await cluster.AdvanceToNextAsync(Minute);
            var expected = count;
            await cluster.CronJobWhenAsync("many", c => c.Status.Active?.Count == expected, $"{expected} active");
        }

        await cluster.CronJobs().PatchAsync("default", "many", PatchType.Merge, "{\"spec\":{\"concurrencyPolicy\":\"Replace\"}}");
        var before = (await cluster.CronJobsJobsAsync("many")).Select(j => j.Metadata.Name!).ToList();
        await cluster.AdvanceAsync(Minute, TimeSpan.FromSeconds(30));
        var replaced = await cluster.CronJobWhenAsync("many", c => c.Status.Active?.Count == 1 && !before.Contains(c.Status.Active[0].Name!), "one new active job");
        foreach (var name in before) await cluster.EventAsync("many", "SuccessfulDelete", $"Deleted job {name}");
        await ControllerCluster.EventuallyAsync(async () => (await cluster.CronJobsJobsAsync("many")).Select(j => j.Metadata.Name).SequenceEqual([replaced.Status.Active![0].Name]), "only the new job left");
    }

    [Fact]
    public async Task A_suspended_cronjob_starts_nothing_and_on_resume_runs_only_the_most_recent_missed_time()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateCronJobAsync(New("nap", "*/10 * * * *", c => c.Spec.Suspend = true));
        await cluster.AdvanceAsync(TimeSpan.FromMinutes(35), TimeSpan.FromMinutes(1));
        Assert.Empty(await cluster.CronJobsJobsAsync("nap"));

        await cluster.SetSuspendAsync("nap", false);
        var now = cluster.Clock.GetUtcNow();
        var mostRecent = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.FromMinutes(10).Ticks, TimeSpan.Zero);
        var jobs = await cluster.CronJobsJobsWhenAsync("nap", j => j.Count == 1, "one job");
        Assert.Equal($"nap-{Minutes(mostRecent)}", jobs[0].Metadata.Name);
    }

    [Fact]
    public async Task A_start_time_older_than_startingDeadlineSeconds_is_skipped()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateCronJobAsync(New("late", "*/10 * * * *", c => (c.Spec.Suspend, c.Spec.StartingDeadlineSeconds) = (true, 30)));
        await cluster.AdvanceToNextAsync(TimeSpan.FromMinutes(10));
        await cluster.AdvanceAsync(Minute, TimeSpan.FromSeconds(30));

        await cluster.SetSuspendAsync("late", false);
        // The start time a minute ago is beyond the 30 s deadline, so nothing starts; the next one runs.
        await Task.Delay(500);
        Assert.Empty(await cluster.CronJobsJobsAsync("late"));
        await cluster.AdvanceToNextAsync(TimeSpan.FromMinutes(10));
        await cluster.CronJobsJobsWhenAsync("late", j => j.Count == 1, "the next start time runs");
    }

    [Fact]
    public async Task More_than_100_missed_start_times_are_reported_and_only_the_last_runs()
    {
        await using var cluster = await StartAsync(runTime: null);
        await cluster.CreateCronJobAsync(New("behind", "* * * * *", c => c.Spec.Suspend = true));
        await cluster.AdvanceAsync(TimeSpan.FromHours(3), TimeSpan.FromMinutes(30));

        await cluster.SetSuspendAsync("behind", false);
        await cluster.EventAsync("behind", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        var now = cluster.Clock.GetUtcNow();
        var jobs = await cluster.CronJobsJobsWhenAsync("behind", j => j.Count == 1, "one job");
        Assert.Equal($"behind-{Minutes(now)}", jobs[0].Metadata.Name);
    }

    [Fact]
    public async Task Failed_jobs_beyond_failedJobsHistoryLimit_are_deleted()
    {
        await using var cluster = await StartAsync(TimeSpan.FromSeconds(10));
        await cluster.CreateCronJobAsync(New("bad", "* * * * *", c =>
        {
            c.Spec.JobTemplate.Spec!.BackoffLimit = 0;
            JobSupport.Failing(new Api.Batch.Job { Spec = c.Spec.JobTemplate.Spec });
        }));
        for (var count = 1; count <= 3; count++)
        {
            await cluster.AdvanceToNextAsync(Minute);
            var expected = count;
            await ControllerCluster.EventuallyAsync(async () => (await cluster.EventsAsync("bad", "SuccessfulCreate")).Sum(e => e.Count ?? 1) == expected, $"{expected} jobs created");
        }
        await cluster.AdvanceAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));
        await cluster.EventAsync("bad", "SawCompletedJob");
        await ControllerCluster.EventuallyAsync(async () => (await cluster.EventsAsync("bad", "SuccessfulDelete")).Sum(e => e.Count ?? 1) >= 1, "an old failed job deleted");
        await cluster.CronJobsJobsWhenAsync("bad", j => j.Count(x => x.TrueCondition("Failed") is not null) == 1, "one failed job kept");
        Assert.Null((await cluster.GetCronJobAsync("bad")).Status.LastSuccessfulTime);
    }

    [Fact]
    public async Task The_API_server_refuses_a_bad_schedule_and_TZ_in_the_schedule()
    {
        await using var cluster = await ControllerCluster.StartAsync([]);
        var bad = await Assert.ThrowsAsync<ApiException>(() => cluster.CronJobs().CreateAsync(New("bad", "61 * * * *")));
        Assert.Equal(422, bad.Code);
        Assert.Contains("spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61", bad.Message, StringComparison.Ordinal);
        var tz = await Assert.ThrowsAsync<ApiException>(() => cluster.CronJobs().CreateAsync(New("tz", "CRON_TZ=UTC 0 * * * *")));
        Assert.Contains("cannot use TZ or CRON_TZ in schedule, use timeZone field instead", tz.Message, StringComparison.Ordinal);
    }

    private static string CronJobJobsText(DateTimeOffset t) => Orca.Controllers.CronJobs.CronJobJobs.Rfc3339(t);
}
