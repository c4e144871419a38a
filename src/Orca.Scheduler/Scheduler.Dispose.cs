namespace Orca.Scheduler;

internal sealed partial class Scheduler
{
    /// <summary>Closes the queue (waiting pops end) and stops its timers.</summary>
    public void Dispose() => Queue.Dispose();
}
