using System.Collections.Concurrent;

namespace Orca.Scheduler.Framework;

internal sealed partial class SchedulingFramework
{
    /// <summary>The longest a Permit plugin may hold a pod.</summary>
    public static readonly TimeSpan MaxPermitTimeout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, WaitingPod> _waiting = new(StringComparer.Ordinal);

    /// <summary>Runs Reserve in order; on failure the caller must run <see cref="RunReservePluginsUnreserve"/>.</summary>
    public Status RunReservePluginsReserve(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var p in _plugins.Reserve)
        {
            var s = p.Reserve(state, pod, nodeName);
            if (s.IsSuccess) continue;
            return s.IsRejected ? s.WithPlugin(p.Name) : Status.AsError($"running Reserve plugin \"{p.Name}\": {s.Message}").WithPlugin(p.Name);
        }
        return Status.Success;
    }

    /// <summary>Runs Unreserve in reverse order (each plugin must tolerate an Unreserve without a Reserve).</summary>
    public void RunReservePluginsUnreserve(CycleState state, PodInfo pod, string nodeName)
    {
        for (var i = _plugins.Reserve.Count - 1; i >= 0; i--) _plugins.Reserve[i].Unreserve(state, pod, nodeName);
    }

    /// <summary>
    /// Runs Permit plugins. A rejection or error ends it; any Wait registers a <see cref="WaitingPod"/>
    /// (reachable through <see cref="GetWaitingPod"/>) and the result is Wait.
    /// </summary>
    public Status RunPermitPlugins(CycleState state, PodInfo pod, string nodeName)
    {
        Dictionary<string, TimeSpan>? waits = null;
        foreach (var p in _plugins.Permit)
        {
            var (s, timeout) = p.Permit(state, pod, nodeName);
            if (s.IsSuccess) continue;
            if (s.Code == StatusCode.Wait)
            {
                (waits ??= new Dictionary<string, TimeSpan>(StringComparer.Ordinal))[p.Name] = timeout > MaxPermitTimeout ? MaxPermitTimeout : timeout;
                continue;
            }
            return s.IsRejected ? s.WithPlugin(p.Name) : Status.AsError($"running Permit plugin \"{p.Name}\": {s.Message}").WithPlugin(p.Name);
        }
        if (waits is null) return Status.Success;
        _waiting[pod.Uid] = new WaitingPod(pod, waits, Handle.Time);
        return Status.Wait("one or more plugins asked to wait");
    }

    /// <summary>Waits until a pod held at Permit is allowed or rejected; Success at once when it is not held.</summary>
    public async Task<Status> WaitOnPermitAsync(PodInfo pod, CancellationToken ct)
    {
        if (!_waiting.TryGetValue(pod.Uid, out var waiting)) return Status.Success;
        try
        {
            return await waiting.Result.WaitAsync(ct);
        }
        finally
        {
            _waiting.TryRemove(pod.Uid, out _);
            waiting.Dispose();
        }
    }

    /// <summary>The pod held at Permit with this uid, if any (plugins allow or reject through it).</summary>
    public WaitingPod? GetWaitingPod(string uid) => _waiting.GetValueOrDefault(uid);

    /// <summary>Rejects a held pod (e.g. it was deleted); true when there was one.</summary>
    public bool RejectWaitingPod(string uid)
    {
        if (!_waiting.TryGetValue(uid, out var w)) return false;
        w.Reject("", "removed");
        return true;
    }

    public async Task<Status> RunPreBindPluginsAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct)
    {
        foreach (var p in _plugins.PreBind)
        {
            var s = await p.PreBindAsync(state, pod, nodeName, ct);
            if (s.IsSuccess) continue;
            return s.IsRejected ? s.WithPlugin(p.Name) : Status.AsError($"running PreBind plugin \"{p.Name}\": {s.Message}").WithPlugin(p.Name);
        }
        return Status.Success;
    }

    /// <summary>Runs Bind plugins until one does not Skip; its status is the answer.</summary>
    public async Task<Status> RunBindPluginsAsync(CycleState state, PodInfo pod, string nodeName, CancellationToken ct)
    {
        foreach (var p in _plugins.Bind)
        {
            var s = await p.BindAsync(state, pod, nodeName, ct);
            if (s.IsSkip) continue;
            if (s.IsSuccess) return s;
            return s.IsRejected ? s.WithPlugin(p.Name) : Status.AsError($"binding rejected: running Bind plugin \"{p.Name}\": {s.Message}").WithPlugin(p.Name);
        }
        return Status.SkipStatus;
    }

    public void RunPostBindPlugins(CycleState state, PodInfo pod, string nodeName)
    {
        foreach (var p in _plugins.PostBind) p.PostBind(state, pod, nodeName);
    }
}
