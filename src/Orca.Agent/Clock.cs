namespace Orca.Agent;

internal static class Clock
{
    /// <summary>
    /// Waits on the injected clock, then leaves the timer's thread (a fake clock fires timers on the
    /// thread that advances it; the caller's loop must not run there). False when cancelled.
    /// </summary>
    public static async Task<bool> DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            await Task.Yield();
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
