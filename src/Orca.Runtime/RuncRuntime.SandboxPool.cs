using System.Collections.Concurrent;
using Orca.Runtime.Native;
using Orca.Runtime.Sandbox;

namespace Orca.Runtime;

/// <summary>
/// A small pool of pre-started sandboxes: network namespace with its CNI address and an infra container,
/// created ahead of any pod under the cgroup /&lt;root&gt;/pool. A pod whose sandbox needs nothing a generic
/// one lacks (pod network without host ports, its own IPC and PID namespaces, no sysctls, not privileged)
/// takes one: the infra process moves to the pod's cgroup, the UTS namespace gets the pod's host name, and
/// the hosts / hostname / resolv.conf files are written — a few milliseconds instead of the sandbox's
/// creation (the cgroup /&lt;root&gt;/pool/&lt;id&gt; goes with the sandbox's teardown). The pool then refills in the background, one sandbox at a time. Pooled sandboxes are not
/// listed; a new runtime over the same root removes the ones an earlier process left.
/// </summary>
public sealed partial class RuncRuntime
{
    private readonly ConcurrentQueue<string> _pool = new();
    private readonly SemaphoreSlim _poolWanted = new(0);
    private CancellationTokenSource? _poolStop;
    private Task _poolLoop = Task.CompletedTask;

    /// <summary>Pre-started sandboxes ready to be taken.</summary>
    public int PooledSandboxes => _pool.Count;

    /// <summary>
    /// Removes pooled sandboxes left by an earlier process and starts keeping <see cref="RuncRuntimeOptions.SandboxPoolSize"/>
    /// sandboxes ready. No-op when the size is 0 or the pool already runs.
    /// </summary>
    public async Task StartSandboxPoolAsync(CancellationToken cancellationToken)
    {
        if (_options.SandboxPoolSize <= 0 || _poolStop is not null)
            return;
        _store.EnsureLayout();
        foreach (var leftover in _store.LoadSandboxes().Where(r => r.Pooled).ToList())
            await RemovePooledAsync(leftover.Id, cancellationToken);
        _poolStop = new CancellationTokenSource();
        _poolLoop = Task.Run(() => RefillLoopAsync(_poolStop.Token), CancellationToken.None);
        _poolWanted.Release();
    }

    /// <summary>Stops refilling and removes every pooled sandbox. Idempotent.</summary>
    public async Task StopSandboxPoolAsync()
    {
        if (_poolStop is null)
            return;
        await _poolStop.CancelAsync();
        await _poolLoop;
        while (_pool.TryDequeue(out var id))
            await RemovePooledAsync(id, CancellationToken.None);
    }

    /// <summary>Whether a generic pooled sandbox can serve <paramref name="config"/>.</summary>
    public static bool CanUsePool(PodSandboxConfig config) =>
        config.Network == NamespaceMode.Pod && config.Ipc == NamespaceMode.Pod && config.Pid != NamespaceMode.Node
        && config.PortMappings.Count == 0 && config.Sysctls.Count == 0 && !config.Privileged;

    /// <summary>Hands a pooled sandbox to the pod <paramref name="config"/> describes; null when none fits or none is ready.</summary>
    private async Task<string?> TakePooledSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken)
    {
        if (_poolStop is null || !CanUsePool(config))
            return null;
        while (_pool.TryDequeue(out var id))
        {
            _poolWanted.Release();
            using var held = await LockAsync(id, cancellationToken);
            if (_store.LoadSandbox(id) is not { Pooled: true } record)
                continue;
            if (ToStatus(record).State != SandboxState.Ready)
            {
                await TearDownSandboxAsync(record, CancellationToken.None);
                continue;
            }
            var adopted = record with
            {
                Config = config,
                CreatedAt = _time.GetUtcNow(),
                CgroupParent = PodCgroupParent(config),
                LogDirectory = PodLogDirectory(config),
                Pooled = false,
            };
            try
            {
                _cgroups.Create(adopted.CgroupParent);
                _cgroups.MoveProcess(record.InfraPid, $"{adopted.CgroupParent}/{id}");
                var hostname = SandboxHostname(config);
                Libc.SetHostnameOf(record.InfraPid, hostname);
                var files = new SandboxFiles(_store.SandboxDir(id));
                files.WriteIdentity(config, hostname);
                files.WriteHosts(hostname, record.Ip);
                _store.Save(adopted);
                return id;
            }
            catch
            {
                await TearDownSandboxAsync(adopted, CancellationToken.None);
                throw;
            }
        }
        return null;
    }

    private async Task RefillLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _poolWanted.WaitAsync(stop);
                while (_pool.Count < _options.SandboxPoolSize && !stop.IsCancellationRequested)
                    _pool.Enqueue(await CreatePooledAsync(stop));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // A failed pre-start costs nothing but the pool: pods create their sandboxes themselves
                // meanwhile. Try again later rather than spinning on a broken network or runtime.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), _time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _poolWanted.Release();
            }
        }
    }

    private async Task<string> CreatePooledAsync(CancellationToken cancellationToken)
    {
        var id = NewId();
        using var held = await LockAsync(id, cancellationToken);
        var config = new PodSandboxConfig { Name = "pooled", Namespace = "", Uid = id, Hostname = "pooled" };
        var record = NewRecord(id, config) with
        {
            CgroupParent = PoolCgroup(id),
            LogDirectory = _store.SandboxDir(id),
            Pooled = true,
        };
        await CreateSandboxAsync(record, cancellationToken);
        return id;
    }

    /// <summary>The cgroup a pooled sandbox starts in; its infra container keeps it in hierarchies Orca does not manage.</summary>
    private string PoolCgroup(string id) => $"/{_options.CgroupRoot}/pool/{id}";

    private async Task RemovePooledAsync(string id, CancellationToken cancellationToken)
    {
        using var held = await LockAsync(id, cancellationToken);
        if (_store.LoadSandbox(id) is { Pooled: true } record)
            await TearDownSandboxAsync(record, cancellationToken);
    }
}
