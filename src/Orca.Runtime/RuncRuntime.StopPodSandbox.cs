using System.Text.Json.Nodes;
using Orca.Runtime.Cni;
using Orca.Runtime.Conmon;
using Orca.Runtime.Processes;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

public sealed partial class RuncRuntime
{
    /// <summary>Kills the sandbox's containers and its infra container and releases its IP (CNI DEL). Idempotent; a missing sandbox is a no-op.</summary>
    public async Task StopPodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        if (_store.LoadSandbox(sandboxId) is null)
            return;
        foreach (var container in _store.LoadContainers().Where(c => c.SandboxId == sandboxId))
            await StopContainerAsync(container.Id, TimeSpan.Zero, cancellationToken);
        using var held = await LockAsync(sandboxId, cancellationToken);
        if (_store.LoadSandbox(sandboxId) is not { } record)
            return;
        await KillInfraAsync(record, cancellationToken);
        await DeleteNetworkAsync(record, cancellationToken);
        _store.Save(record with { State = SandboxState.NotReady, NetworkDeleted = true });
    }

    /// <summary>Stops the sandbox if needed, removes its containers, netns, cgroup, bundle and state. Idempotent.</summary>
    public async Task RemovePodSandboxAsync(string sandboxId, CancellationToken cancellationToken)
    {
        if (_store.LoadSandbox(sandboxId) is null)
            return;
        foreach (var container in _store.LoadContainers().Where(c => c.SandboxId == sandboxId))
            await RemoveContainerAsync(container.Id, cancellationToken);
        using var held = await LockAsync(sandboxId, cancellationToken);
        if (_store.LoadSandbox(sandboxId) is { } record)
            await TearDownSandboxAsync(record, cancellationToken);
    }

    /// <summary>Best-effort full teardown; each step is idempotent so a retry after a partial failure completes it.</summary>
    private async Task TearDownSandboxAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        await KillInfraAsync(record, cancellationToken);
        if (_runc.Exists(record.Id))
            await _runc.DeleteAsync(record.Id, force: true, cancellationToken);
        if (!record.NetworkDeleted)
            await DeleteNetworkAsync(record, cancellationToken);
        if (record.NetnsPath is { } netns)
            NetnsClient.Remove(netns);
        _cgroups.Remove(record.CgroupParent);
        _cgroups.Remove(PoolCgroup(record.Id)); // a sandbox that came from the pool started there
        File.Delete(_store.ExitFile(record.Id));
        _store.DeleteSandbox(record.Id);
        _locks.TryRemove(record.Id, out _);
    }

    private async Task KillInfraAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        // The infra pid gone or its exit recorded means nothing is left to kill (no `runc state` run).
        if (File.Exists(_store.ExitFile(record.Id)) || record.InfraPid <= 0 || !ConmonLauncher.Exists(record.InfraPid) || !_runc.Exists(record.Id))
            return;
        try
        {
            await _runc.KillAsync(record.Id, "KILL", cancellationToken);
        }
        catch (ExternalProcessException) when (File.Exists(_store.ExitFile(record.Id)) || !ConmonLauncher.IsAlive(record.InfraPid))
        {
            return; // it exited between the check and the kill (an unmonitored infra process may be a zombie until reaped)
        }
        // conmon records the exit; without a live conmon (killed along with an agent's host) the
        // infra process itself going away is the signal.
        await WaitUntilAsync(() => File.Exists(_store.ExitFile(record.Id)) || record.InfraPid <= 0 || !ConmonLauncher.IsAlive(record.InfraPid),
            TimeSpan.FromSeconds(10), cancellationToken);
    }

    private async Task DeleteNetworkAsync(SandboxRecord record, CancellationToken cancellationToken)
    {
        if (record.NetnsPath is not { } netns || !NetnsClient.IsPinned(netns))
            return;
        var previous = record.CniResult is null ? null : JsonNode.Parse(record.CniResult) as JsonObject;
        await _cni.DeleteAsync(_network.Value, new CniAttachment(record.Id, netns, "eth0"), previous, CniNetwork.PortMappings(record.Config.PortMappings), cancellationToken);
        // No DEL for loopback: its DEL only sets lo down inside the namespace, which is removed next.
    }
}
