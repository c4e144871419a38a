using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Queue;

internal sealed partial class SchedulingQueue
{
    /// <summary>
    /// A cluster event happened: every parked pod that one of its rejecting plugins registered this event
    /// for (and whose hint, if any, says Queue) is moved — to backoff if still backing off, else to active.
    /// Pods parked for no plugin's reason move on any event. Records the move request so pods in flight now
    /// are not parked afterwards.
    /// </summary>
    public void MoveAllToActiveOrBackoff(ClusterEvent e, object? oldObj = null, object? newObj = null)
    {
        lock (_lock)
        {
            _moveRequestCycle = _schedulingCycle;
            if (_unschedulable.Count == 0) return;
            List<QueuedPodInfo>? moving = null;
            foreach (var pod in _unschedulable.Values)
            {
                if (Interested(pod, e, oldObj, newObj)) (moving ??= []).Add(pod);
            }
            if (moving is null) return;
            foreach (var pod in moving) MoveFromUnschedulableLocked(pod);
        }
    }

    private void MoveFromUnschedulableLocked(QueuedPodInfo pod)
    {
        _unschedulable.Remove(pod.Key);
        if (pod.Gated || !IsBackingOff(pod)) MoveToActiveLocked(pod);
        else AddBackoffLocked(pod);
    }

    /// <summary>Whether the event could help a pod parked by its rejecting plugins (the queueing hints).</summary>
    private bool Interested(QueuedPodInfo pod, ClusterEvent e, object? oldObj, object? newObj)
    {
        if (e.Resource == EventResource.Wildcard) return true;
        var rejectors = pod.UnschedulablePlugins;
        if (rejectors.Count == 0 && pod.PendingPlugins.Count == 0) return true;
        var fw = _frameworkFor(pod.PodInfo.Pod);
        if (fw is null) return false;
        foreach (var plugin in rejectors.Concat(pod.PendingPlugins))
        {
            if (!fw.EventsByPlugin.TryGetValue(plugin, out var events)) continue;
            foreach (var registered in events)
            {
                if (!registered.Event.Covers(e)) continue;
                if (registered.Hint is null || registered.Hint(pod.PodInfo, oldObj, newObj) == QueueingHint.Queue) return true;
            }
        }
        return false;
    }

    /// <summary>1 s · 2^(attempts−1), capped at the maximum.</summary>
    internal TimeSpan BackoffDuration(QueuedPodInfo pod)
    {
        var d = _options.InitialBackoff;
        for (var i = 1; i < pod.Attempts; i++)
        {
            d += d;
            if (d > _options.MaxBackoff) return _options.MaxBackoff;
        }
        return d;
    }

    private DateTimeOffset BackoffExpiry(QueuedPodInfo pod) => pod.Timestamp + BackoffDuration(pod);

    private bool IsBackingOff(QueuedPodInfo pod) => BackoffExpiry(pod) > _time.GetUtcNow();

    /// <summary>Moves every pod whose backoff is over to active and re-arms the timer for the next one.</summary>
    private void FlushBackoffCompleted()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_backoff.Peek() is { } next && BackoffExpiry(next) <= now)
            {
                _backoff.Pop();
                MoveToActiveLocked(next);
            }
            ArmBackoffTimer();
        }
    }

    private void ArmBackoffTimer()
    {
        if (_backoff.Peek() is not { } next)
        {
            _backoffTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }
        var due = BackoffExpiry(next) - _time.GetUtcNow();
        _backoffTimer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Retries pods parked for longer than the maximum (a safety net for events no plugin asked for).</summary>
    private void FlushUnschedulableLeftover()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var stale = _unschedulable.Values.Where(p => !p.Gated && now - p.Timestamp > _options.MaxInUnschedulable).ToList();
            foreach (var pod in stale) MoveFromUnschedulableLocked(pod);
        }
    }

    /// <summary>Moves a parked pod at once (e.g. its nominated node was cleared); false when it is not parked.</summary>
    public bool Activate(string key)
    {
        lock (_lock)
        {
            if (!_unschedulable.TryGetValue(key, out var pod) && (pod = _backoff.Remove(key)) is null) return false;
            _unschedulable.Remove(key);
            MoveToActiveLocked(pod);
            return true;
        }
    }
}
