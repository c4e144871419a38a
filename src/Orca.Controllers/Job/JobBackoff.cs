using Orca.Api.Core;

namespace Orca.Controllers.Jobs;

/// <summary>Failures since a job's last success and when the latest happened: what delays its next pod.</summary>
internal sealed record BackoffRecord(int FailuresAfterLastSuccess, DateTimeOffset? LastFailureTime)
{
    public static readonly BackoffRecord None = new(0, null);

    /// <summary>10 s before the pod after the first failure, doubling per further failure.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between failed pods (6 minutes, as Kubernetes).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(6);

    /// <summary>How long from <paramref name="now"/> until a new pod may be created (zero when it may now).</summary>
    public TimeSpan Remaining(DateTimeOffset now)
    {
        if (FailuresAfterLastSuccess == 0 || LastFailureTime is not { } last) return TimeSpan.Zero;
        var backoff = Initial;
        for (var i = 1; i < FailuresAfterLastSuccess && backoff < Max; i++) backoff *= 2;
        if (backoff > Max) backoff = Max;
        var elapsed = now - last;
        return backoff <= elapsed ? TimeSpan.Zero : backoff - elapsed;
    }
}

/// <summary>
/// The per-job backoff records of the controller (in memory, as Kubernetes keeps them; a new leader starts
/// without backoff). A record is computed from the pods newly seen finished and stored only once they are
/// written to the job's status, so a failed status write never counts a pod twice. Thread-safe.
/// </summary>
internal sealed class JobBackoffStore
{
    private readonly Dictionary<string, BackoffRecord> _records = new(StringComparer.Ordinal);

    public BackoffRecord Get(string key)
    {
        lock (_records) return _records.GetValueOrDefault(key) ?? BackoffRecord.None;
    }

    public void Set(string key, BackoffRecord record)
    {
        lock (_records) _records[key] = record;
    }

    public void Remove(string key)
    {
        lock (_records) _records.Remove(key);
    }

    /// <summary>
    /// The record after <paramref name="succeeded"/> and <paramref name="failed"/> pods finished: failures only add
    /// up; a success resets the count to the failures that finished after it.
    /// </summary>
    public BackoffRecord Next(string key, IReadOnlyList<Pod> succeeded, IReadOnlyList<Pod> failed, DateTimeOffset now)
    {
        var current = Get(key);
        if (succeeded.Count == 0)
        {
            if (failed.Count == 0) return current;
            var last = failed.Max(p => JobPods.FinishTime(p, now));
            if (current.LastFailureTime is { } previous && previous > last) last = previous;
            return new BackoffRecord(current.FailuresAfterLastSuccess + failed.Count, last);
        }
        var lastSuccess = succeeded.Max(p => JobPods.FinishTime(p, now));
        var after = failed.Select(p => JobPods.FinishTime(p, now)).Where(t => t > lastSuccess).ToList();
        return after.Count == 0 ? new BackoffRecord(0, current.LastFailureTime) : new BackoffRecord(after.Count, after.Max());
    }
}
