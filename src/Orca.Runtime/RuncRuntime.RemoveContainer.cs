using Orca.Runtime.Native;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>Kills the container if it runs, deletes it from runc, unmounts its root and deletes its directory (writable layer included). Idempotent.</summary>
    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(containerId, cancellationToken);
        if (_store.LoadContainer(containerId) is not { } record)
            return;
        await DestroyContainerAsync(record, cancellationToken);
    }

    private async Task DestroyContainerAsync(ContainerRecord record, CancellationToken cancellationToken)
    {
        await ReleaseContainerResourcesAsync(record, cancellationToken);
        File.Delete(_store.ExitFile(record.Id));
        _store.DeleteContainer(record.Id);
        _stats.TryRemove(record.Id, out _);
        _lostChecks.TryRemove(record.Id, out _);
        _locks.TryRemove(record.Id, out _);
    }

    /// <summary>The runc state, the root mount and the cgroup of a container; its record stays.</summary>
    private async Task ReleaseContainerResourcesAsync(ContainerRecord record, CancellationToken cancellationToken)
    {
        if (_runc.Exists(record.Id))
            await _runc.DeleteAsync(record.Id, force: true, cancellationToken);
        Libc.Unmount(Path.Combine(_store.ContainerDir(record.Id), "bundle", "rootfs"));
        _cgroups.Remove(record.CgroupsPath);
    }
}
