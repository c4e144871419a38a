using Orca.Api.Core;

namespace Orca.Agent.Probes;

/// <summary>
/// One loop per (running container, probe kind) on the injected clock. Results start as: startup not
/// passed, readiness not ready, liveness healthy; a result flips after successThreshold successes or
/// failureThreshold failures in a row. Liveness and readiness wait for the startup probe. Each flip
/// calls <c>changed(podUid)</c>; each failed run calls <c>unhealthy</c> (for the Unhealthy event).
/// Thread-safe. Loops end on <see cref="Prune"/> or dispose.
/// </summary>
internal sealed class ProbeManager(ProbeRunner runner, TimeProvider time, Action<string> changed,
    Action<Pod, Container, ProbeKind, string> unhealthy) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Id, ProbeKind Kind), Worker> _workers = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Starts the probes of a running container that are not started yet. Idempotent.</summary>
    public void Ensure(Pod pod, Container c, string containerId)
    {
        Start(pod, c, containerId, ProbeKind.Startup, c.StartupProbe);
        Start(pod, c, containerId, ProbeKind.Liveness, c.LivenessProbe);
        Start(pod, c, containerId, ProbeKind.Readiness, c.ReadinessProbe);
    }

    /// <summary>Started: no startup probe, or it passed.</summary>
    public bool Started(string id) => Result(id, ProbeKind.Startup) ?? true;

    /// <summary>Ready: no readiness probe, or it passes (and the container started).</summary>
    public bool Ready(string id) => Started(id) && (Result(id, ProbeKind.Readiness) ?? true);

    /// <summary>The liveness or startup probe that failed, or null.</summary>
    public ProbeKind? Failed(string id) =>
        Result(id, ProbeKind.Liveness) == false ? ProbeKind.Liveness
        : Failing(id, ProbeKind.Startup) ? ProbeKind.Startup : null;

    /// <summary>Stops every probe loop whose container is not in <paramref name="running"/>.</summary>
    public void Prune(IReadOnlySet<string> running)
    {
        lock (_lock)
        {
            foreach (var key in _workers.Keys.Where(k => !running.Contains(k.Id)).ToList())
            {
                _workers[key].Cancel.Cancel();
                _workers.Remove(key);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] loops;
        lock (_lock) loops = _workers.Values.Select(w => w.Loop).ToArray();
        await Task.WhenAll(loops);
    }

    private bool? Result(string id, ProbeKind kind)
    {
        lock (_lock) return _workers.TryGetValue((id, kind), out var w) ? w.Result : null;
    }

    private bool Failing(string id, ProbeKind kind)
    {
        lock (_lock) return _workers.TryGetValue((id, kind), out var w) && w.GaveUp;
    }

    private void Start(Pod pod, Container c, string id, ProbeKind kind, Probe? probe)
    {
        if (probe is null) return;
        lock (_lock)
        {
            if (_workers.ContainsKey((id, kind)) || _stop.IsCancellationRequested) return;
            var w = new Worker(CancellationTokenSource.CreateLinkedTokenSource(_stop.Token)) { Result = kind == ProbeKind.Liveness ? true : false };
            _workers[(id, kind)] = w;
            w.Loop = Task.Run(() => LoopAsync(pod, c, id, kind, probe, w));
        }
    }

    private async Task LoopAsync(Pod pod, Container c, string id, ProbeKind kind, Probe probe, Worker w)
    {
        var ct = w.Cancel.Token;
        var period = TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
        if (!await Clock.DelayAsync(time, TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0)), ct)) return;
        int successes = 0, failures = 0;
        do
        {
            if (kind != ProbeKind.Startup && !Started(id)) continue;
            ActionResult r;
            try
            {
                r = await runner.RunAsync(pod, c, id, probe, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            if (r.Success) (successes, failures) = (successes + 1, 0);
            else
            {
                (successes, failures) = (0, failures + 1);
                unhealthy(pod, c, kind, r.Message);
            }
            var flipped = Apply(w, kind, probe, successes, failures);
            if (flipped) changed(pod.Metadata.Uid ?? "");
            if (kind == ProbeKind.Startup && w.Result == true) return;
        }
        while (await Clock.DelayAsync(time, period, ct));
    }

    /// <summary>Applies the thresholds; true when the result changed.</summary>
    private bool Apply(Worker w, ProbeKind kind, Probe probe, int successes, int failures)
    {
        var successThreshold = kind == ProbeKind.Readiness ? Math.Max(1, probe.SuccessThreshold ?? 1) : 1;
        var failureThreshold = Math.Max(1, probe.FailureThreshold ?? 3);
        lock (_lock)
        {
            var old = (w.Result, w.GaveUp);
            if (successes >= successThreshold) w.Result = true;
            if (failures >= failureThreshold)
            {
                w.Result = false;
                if (kind == ProbeKind.Startup) w.GaveUp = true;
            }
            return old != (w.Result, w.GaveUp);
        }
    }

    private sealed class Worker(CancellationTokenSource cancel)
    {
        public CancellationTokenSource Cancel { get; } = cancel;
        public Task Loop { get; set; } = Task.CompletedTask;
        public bool? Result { get; set; }
        public bool GaveUp { get; set; }
    }
}
