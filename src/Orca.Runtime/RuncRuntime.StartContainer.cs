using Orca.Runtime.Runc;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts a Created container: with runc, in-process through its exec.fifo (what `runc start` does, without
    /// the process); otherwise `&lt;runtime&gt; start`. Throws KeyNotFoundException if unknown, InvalidOperationException
    /// if not Created or its process has died.
    /// </summary>
    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(containerId, cancellationToken);
        var record = RequireContainer(containerId);
        if (record is { State: ContainerState.Exited, Reason: ContainerStartException.Reason })
            throw new ContainerStartException(record.Message);
        if (record.State != ContainerState.Created)
            throw new InvalidOperationException($"container {containerId} is {record.State}, not Created");
        if (_options.Runtime != OciRuntimes.Runc || record.Pid is not > 0
            || !ExecFifo.TryStart(Path.Combine(_runc.StateRoot, containerId), record.Pid, StartTimeout))
            await _runc.StartAsync(containerId, cancellationToken);
        record = ContainerLifecycle.Move(record, ContainerState.Running) with { StartedAt = _time.GetUtcNow() };
        _store.Save(record);
    }
}
