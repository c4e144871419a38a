using Orca.Runtime.Processes;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>
    /// Sends the image's stop signal (default SIGTERM), waits up to <paramref name="timeout"/> for
    /// conmon to record the exit, then SIGKILL. Idempotent: stopping an exited or missing container returns.
    /// </summary>
    public async Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(containerId, cancellationToken);
        if (_store.LoadContainer(containerId) is not { } record)
            return;
        record = Refresh(record);
        if (record.State == ContainerState.Exited)
            return;
        if (record.State == ContainerState.Running && timeout > TimeSpan.Zero)
        {
            await SignalAsync(record, StopSignalOf(record), cancellationToken);
            if (await WaitUntilAsync(() => HasExited(record), timeout, cancellationToken))
            {
                Refresh(record);
                return;
            }
        }
        await SignalAsync(record, "KILL", cancellationToken);
        await WaitUntilAsync(() => HasExited(record), TimeSpan.FromSeconds(10), cancellationToken);
        Refresh(record);
    }

    private async Task SignalAsync(ContainerRecord record, string signal, CancellationToken cancellationToken)
    {
        try
        {
            await _runc.KillAsync(record.Id, signal, cancellationToken);
        }
        catch (ExternalProcessException) when (HasExited(record) || !_runc.Exists(record.Id))
        {
            // It exited on its own meanwhile.
        }
    }

    private static string StopSignalOf(ContainerRecord record)
    {
        var signal = record.StopSignal.Trim().ToUpperInvariant();
        return signal.Length == 0 ? "TERM" : signal.StartsWith("SIG", StringComparison.Ordinal) ? signal[3..] : signal;
    }
}
