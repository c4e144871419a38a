namespace Orca.Controllers.CronJobs;

/// <summary>Whether start times were missed since the last one, and roughly how many.</summary>
internal enum MissedSchedules
{
    None,
    Few,
    /// <summary>More than 100: a sign of clock skew or a long outage; only the most recent time is used.</summary>
    Many,
}

/// <summary>
/// The CronJob controller's arithmetic over a schedule: the most recent start time that is due and not yet
/// taken, and when to look again. Start times are counted from the later of the CronJob's creation, its
/// lastScheduleTime and (when set) now minus startingDeadlineSeconds. Stateless.
/// </summary>
internal static class ScheduleTimes
{
    public const int ManyMissed = 100;

    /// <summary>Looked again this long after the next start time, so that the time has surely passed.</summary>
    public static readonly TimeSpan NextDelta = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The earliest time start times are counted from, and the most recent start time in (earliest, now], or
    /// null when none is due. Many missed times are skipped to the last one without listing them all.
    /// </summary>
    public static (DateTimeOffset Earliest, DateTimeOffset? MostRecent, MissedSchedules Missed) MostRecent(
        Api.Batch.CronJob cj, DateTimeOffset now, CronSchedule schedule, bool withStartingDeadline)
    {
        var earliest = cj.Status.LastScheduleTime ?? cj.Metadata.CreationTimestamp ?? now;
        if (withStartingDeadline && cj.Spec.StartingDeadlineSeconds is { } deadline && now - TimeSpan.FromSeconds(deadline) is var cutoff && cutoff > earliest)
            earliest = cutoff;
        if (schedule.Next(earliest) is not { } t1 || now < t1) return (earliest, null, MissedSchedules.None);
        if (schedule.Next(t1) is not { } t2 || now < t2) return (earliest, t1, MissedSchedules.None);
        var between = (long)Math.Round((t2 - t1).TotalSeconds);
        if (between < 1) return (earliest, null, MissedSchedules.None);
        var missed = (long)(now - t1).TotalSeconds / between + 1;
        // Jump close to now by whole intervals (one interval short, so irregular schedules land right), then step.
        DateTimeOffset? mostRecent = null;
        for (var t = schedule.Next(t1 + TimeSpan.FromSeconds(Math.Max(0, missed - 2) * between)); t is { } x && x <= now; t = schedule.Next(x))
            mostRecent = x;
        mostRecent ??= t1;
        return (earliest, mostRecent, missed > ManyMissed ? MissedSchedules.Many : MissedSchedules.Few);
    }

    /// <summary>When the controller should look at the CronJob again: just after the next start time.</summary>
    public static DateTimeOffset? NextSync(Api.Batch.CronJob cj, DateTimeOffset now, CronSchedule schedule)
    {
        var (earliest, mostRecent, _) = MostRecent(cj, now, schedule, withStartingDeadline: false);
        var from = mostRecent ?? (earliest > now ? earliest : now);
        return schedule.Next(from) is { } next ? next + NextDelta : null;
    }
}
