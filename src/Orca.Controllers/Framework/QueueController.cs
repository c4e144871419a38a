using Microsoft.Extensions.Logging;
using Orca.Api;
using Orca.Client;

namespace Orca.Controllers.Framework;

/// <summary>
/// The shape of every level-triggered controller: informer events put object keys ("ns/name") in a
/// rate-limited <see cref="WorkQueue{TKey}"/>; <see cref="ControllerContext.Options"/>.Workers workers
/// take keys and call <see cref="SyncAsync"/>, which reads the informer caches (never the event) and moves
/// the world one step towards the desired state. A sync that throws is retried with backoff (5 ms doubling
/// to 1000 s, plus an overall 10 qps bucket); one that succeeds clears the key's backoff. A key is never
/// synced by two workers at once.
/// Retries back off on the wall clock (like client-go's queue); delays that belong to the controller's
/// logic (a deadline, a schedule, minReadySeconds) go through <see cref="EnqueueAt"/> on the injected clock,
/// so tests with a fake clock control them and never wait on a retry.
/// </summary>
internal abstract partial class QueueController : IController
{
    private readonly ILogger _logger;
    private readonly Dictionary<string, (DateTimeOffset At, ITimer Timer)> _timers = new(StringComparer.Ordinal);

    protected QueueController(ControllerContext context, string name)
    {
        Context = context;
        Name = name;
        _logger = context.Logger(name);
        Queue = new WorkQueue<string>(TimeProvider.System);
    }

    public string Name { get; }
    protected ControllerContext Context { get; }
    protected WorkQueue<string> Queue { get; }
    protected TimeProvider Time => Context.Time;
    protected ILogger Logger => _logger;

    /// <summary>Brings the object with <paramref name="key"/> ("ns/name", or "name" for cluster objects) to its desired state.</summary>
    protected abstract Task SyncAsync(string key, CancellationToken ct);

    /// <summary>Called once before the workers start, e.g. to add informer handlers (which replay the cache).</summary>
    protected abstract IEnumerable<IDisposable> Watch();

    public void Enqueue(IKubeObject obj) => Queue.Add(ObjectKey.Of(obj));

    /// <summary>Queues <paramref name="key"/> when the injected clock reaches <paramref name="at"/> (keeping the earliest of several requests).</summary>
    protected void EnqueueAt(string key, DateTimeOffset at)
    {
        var delay = at - Time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            Queue.Add(key);
            return;
        }
        lock (_timers)
        {
            if (_timers.TryGetValue(key, out var existing))
            {
                if (existing.At <= at) return;
                existing.Timer.Dispose();
            }
            var timer = Time.CreateTimer(_ => Fire(key, at), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timers[key] = (at, timer);
            if (Arm(timer, at)) return;
            _timers.Remove(key);
            timer.Dispose();
        }
        Queue.Add(key);
    }

    /// <summary>
    /// Sets <paramref name="timer"/> to fire at <paramref name="at"/>. A timer takes a delay, not an instant, and the
    /// clock may move between reading it and arming the timer (a fake clock advanced by another thread), which
    /// would make the timer late by the move; so it is re-armed until the clock reads the same before and after.
    /// False when <paramref name="at"/> has already come.
    /// </summary>
    private bool Arm(ITimer timer, DateTimeOffset at)
    {
        while (true)
        {
            var before = Time.GetUtcNow();
            if (at <= before) return false;
            timer.Change(at - before, Timeout.InfiniteTimeSpan);
            if (Time.GetUtcNow() == before) return true;
        }
    }

    private void Fire(string key, DateTimeOffset at)
    {
        lock (_timers)
        {
            if (!_timers.TryGetValue(key, out var t) || t.At != at) return;
            _timers.Remove(key);
            t.Timer.Dispose();
        }
        Queue.Add(key);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var registrations = Watch().ToList();
        try
        {
            await using var stop = ct.Register(Queue.ShutDown);
            var workers = Enumerable.Range(0, Math.Max(1, Context.Options.Workers)).Select(_ => Task.Run(() => WorkAsync(ct), CancellationToken.None));
            await Task.WhenAll(workers);
        }
        finally
        {
            foreach (var r in registrations) r.Dispose();
            lock (_timers)
            {
                foreach (var t in _timers.Values) t.Timer.Dispose();
                _timers.Clear();
            }
            Queue.Dispose();
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (true)
        {
            var (key, shutDown) = await Queue.GetAsync(CancellationToken.None);
            if (shutDown) return;
            try
            {
                if (ct.IsCancellationRequested) continue;
                await SyncAsync(key, ct);
                Queue.Forget(key);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (ApiException e) when (e.IsConflict)
            {
                // Our cache was stale; the informer brings the new version and the retry sees it.
                Queue.AddRateLimited(key);
            }
            catch (Exception e)
            {
                LogSyncFailed(_logger, Name, key, e);
                Queue.AddRateLimited(key);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Controller}: syncing {Key} failed; retrying")]
    private static partial void LogSyncFailed(ILogger logger, string controller, string key, Exception e);
}
