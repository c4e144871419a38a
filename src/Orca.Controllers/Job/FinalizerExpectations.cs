namespace Orca.Controllers.Jobs;

/// <summary>
/// The pods (by uid) whose tracking finalizer the controller removed but whose update its informer has not
/// shown yet. Until it does, such a pod must not be counted again from the stale cache. Thread-safe.
/// </summary>
internal sealed class FinalizerExpectations
{
    private readonly Dictionary<string, HashSet<string>> _byJob = new(StringComparer.Ordinal);

    /// <summary>Records that the finalizers of <paramref name="uids"/> (pods of job <paramref name="key"/>) are being removed.</summary>
    public void Expect(string key, IEnumerable<string> uids)
    {
        lock (_byJob)
        {
            if (!_byJob.TryGetValue(key, out var set)) _byJob[key] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(uids);
        }
    }

    /// <summary>The pod's removal was seen (or failed, or the pod is gone).</summary>
    public void Observed(string key, string uid)
    {
        lock (_byJob)
        {
            if (!_byJob.TryGetValue(key, out var set)) return;
            set.Remove(uid);
            if (set.Count == 0) _byJob.Remove(key);
        }
    }

    /// <summary>A copy of the uids still expected for <paramref name="key"/>.</summary>
    public HashSet<string> Pending(string key)
    {
        lock (_byJob) return _byJob.TryGetValue(key, out var set) ? new HashSet<string>(set, StringComparer.Ordinal) : [];
    }

    public void Delete(string key)
    {
        lock (_byJob) _byJob.Remove(key);
    }
}
