using Microsoft.Extensions.Logging;
using Orca.Agent.Probes;
using Orca.Agent.Translate;
using Orca.Runtime;

namespace Orca.Agent.Pods;

/// <summary>
/// The pod lifecycle event generator: relists the runtime every relist period and enqueues the pod of
/// every container whose state changed (started, exited, removed); prunes probe loops of containers
/// that no longer run; enqueues every pod each sync period; and removes sandboxes whose pod uid no
/// source knows (garbage collection, at start and every collection period). One loop.
/// </summary>
internal sealed class RuntimeWatcher(
    IRuntimeService runtime, PodWorkers workers, ProbeManager probes, Func<bool> sourcesReady,
    AgentOptions options, TimeProvider time, ILogger logger)
{
    private Dictionary<string, (ContainerState State, string Uid)> _last = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSyncAll;
    private DateTimeOffset _lastGc = DateTimeOffset.MinValue;

    public async Task RunAsync(CancellationToken ct)
    {
        _lastSyncAll = time.GetUtcNow();
        do
        {
            try
            {
                await RelistAsync(ct);
                var now = time.GetUtcNow();
                if (now - _lastSyncAll >= options.SyncFrequency)
                {
                    _lastSyncAll = now;
                    workers.EnqueueAll();
                }
                if (sourcesReady() && now - _lastGc >= options.GarbageCollectionPeriod)
                {
                    _lastGc = now;
                    await CollectAsync(ct);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Log.RelistFailed(logger, e);
            }
        }
        while (await Clock.DelayAsync(time, options.RelistPeriod, ct));
    }

    public async Task RelistAsync(CancellationToken ct)
    {
        var containers = await runtime.ListContainersAsync(null, ct);
        var now = containers.ToDictionary(c => c.Id, c => (c.State, c.Config.Labels.GetValueOrDefault(RuntimeLabels.PodUid) ?? ""), StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, s) in now)
        {
            if (!_last.TryGetValue(id, out var old) || old.State != s.State) changed.Add(s.Item2);
        }
        foreach (var (id, s) in _last)
        {
            if (!now.ContainsKey(id)) changed.Add(s.Uid);
        }
        _last = now;
        probes.Prune(now.Where(kv => kv.Value.State == ContainerState.Running).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal));
        foreach (var uid in changed.Where(u => u.Length > 0)) workers.Enqueue(uid);
    }

    /// <summary>Stops and removes sandboxes (and their containers) of pods no source knows.</summary>
    public async Task CollectAsync(CancellationToken ct)
    {
        var known = workers.KnownUids();
        foreach (var sandbox in await runtime.ListPodSandboxesAsync(ct))
        {
            var uid = sandbox.Config.Labels.GetValueOrDefault(RuntimeLabels.PodUid) ?? sandbox.Config.Uid;
            if (known.Contains(uid)) continue;
            Log.SandboxCollected(logger, sandbox.Id, uid);
            foreach (var c in await runtime.ListContainersAsync(sandbox.Id, ct))
            {
                if (c.State is ContainerState.Running or ContainerState.Created) await runtime.StopContainerAsync(c.Id, TimeSpan.FromSeconds(2), ct);
                await runtime.RemoveContainerAsync(c.Id, ct);
            }
            await runtime.StopPodSandboxAsync(sandbox.Id, ct);
            await runtime.RemovePodSandboxAsync(sandbox.Id, ct);
        }
    }
}
