namespace Orca.Controllers.Framework;

/// <summary>Kubernetes' slowStartBatch: many creations without flooding the API server with doomed calls.</summary>
internal static class SlowStart
{
    /// <summary>
    /// Calls <paramref name="action"/> <paramref name="count"/> times in batches of <paramref name="initialBatch"/>,
    /// then double that, and so on; the calls of one batch run concurrently. The first batch with a failure
    /// ends the run, so a quota or admission error costs one call, not hundreds, while healthy runs still
    /// reach full concurrency after a few rounds. Returns how many calls succeeded and the first error.
    /// </summary>
    public static async Task<(int Successes, Exception? Error)> RunAsync(int count, int initialBatch, Func<CancellationToken, Task> action, CancellationToken ct)
    {
        var successes = 0;
        var remaining = count;
        for (var batch = Math.Min(remaining, initialBatch); batch > 0; batch = Math.Min(2 * batch, remaining))
        {
            var tasks = Enumerable.Range(0, batch).Select(_ => Task.Run(() => action(ct), ct)).ToList();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch
            {
                // Inspected below, task by task.
            }
            var failed = tasks.Where(t => !t.IsCompletedSuccessfully).ToList();
            successes += batch - failed.Count;
            if (failed.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                return (successes, failed[0].Exception?.InnerException ?? new TaskCanceledException());
            }
            remaining -= batch;
        }
        return (successes, null);
    }
}
