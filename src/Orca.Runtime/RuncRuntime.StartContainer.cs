using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>Starts a Created container (`runc start`). Throws KeyNotFoundException if unknown, InvalidOperationException if not Created.</summary>
    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(containerId, cancellationToken);
        var record = RequireContainer(containerId);
        if (record.State != ContainerState.Created)
            throw new InvalidOperationException($"container {containerId} is {record.State}, not Created");
        await _runc.StartAsync(containerId, cancellationToken);
        record = ContainerLifecycle.Move(record, ContainerState.Running) with { StartedAt = _time.GetUtcNow() };
        _store.Save(record);
    }
}
