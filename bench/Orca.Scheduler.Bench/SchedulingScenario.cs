using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.ApiServer;
using Orca.Client;
using Orca.Storage;
using Orca.Storage.Memory;
using Orca.Storage.Sqlite;

namespace Orca.Scheduler.Bench;

/// <summary>
/// Creates the nodes, starts the scheduler, places the initial pods, then creates the measured pods from
/// several clients and times them until every one is seen bound. Throughput is sampled every second as
/// scheduler_perf does; latency is from the create request to the binding seen by a watch.
/// </summary>
internal sealed class SchedulingScenario(BenchOptions options)
{
    private readonly ConcurrentDictionary<string, long> _created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bound = new(StringComparer.Ordinal);
    private int _boundCount;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("orca-sched-bench-").FullName;
        IKeyValueStore? store = null;
        OrcaApiServer? server = null;
        try
        {
            KubeClient client;
            if (options.Kubeconfig is { } kubeconfig)
            {
                client = KubeClient.FromKubeconfig(kubeconfig);
            }
            else
            {
                store = options.Store == "memory" ? new MemoryStore() : await SqliteStore.OpenAsync(Path.Combine(dir, "state.db"), SqliteStoreOptions.Default, ct);
                server = await OrcaApiServer.StartAsync(new ApiServerOptions { DataDir = dir, Port = 0 }, store, TimeProvider.System, NullLoggerFactory.Instance, ct);
                client = new KubeClient(new KubeClientOptions { Server = server.Url, CaPem = server.CaPem, BearerToken = server.AdminToken });
            }
            using (client)
            {
                return await MeasureAsync(client, ct);
            }
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
            if (store is IAsyncDisposable d) await d.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task<int> MeasureAsync(KubeClient client, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        await ParallelAsync(options.Nodes, i => client.Resource<Node>().CreateAsync(Workload.Node(i), ct), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nodes: {options.Nodes} created in {sw.Elapsed.TotalSeconds:F1}s"));

        await using var watch = new SharedInformer<Pod>(client);
        watch.AddEventHandler(OnPod, (_, p) => OnPod(p));
        watch.Start();
        await watch.WaitForSyncAsync(ct);
        await using var scheduler = await SchedulerHost.StartAsync(new SchedulerHostOptions { Parallelism = options.Parallelism }, client, NullLoggerFactory.Instance, ct);
        await WaitAsync(() => scheduler.IsActive, TimeSpan.FromSeconds(60), "the scheduler to become active", ct);

        sw.Restart();
        await CreatePodsAsync(client, "init", options.InitPods, ct);
        await WaitAsync(() => Volatile.Read(ref _boundCount) >= options.InitPods, TimeSpan.FromMinutes(10), "the initial pods to be bound", ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"init: {options.InitPods} pods placed in {sw.Elapsed.TotalSeconds:F1}s"));

        var baseline = Volatile.Read(ref _boundCount);
        var statsBefore = (scheduler.Stats.Scheduled, scheduler.Stats.CycleTime);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var samples = new List<int>();
        using var sampler = new Timer(_ =>
        {
            var now = Volatile.Read(ref _boundCount);
            lock (samples) samples.Add(now);
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var start = Stopwatch.GetTimestamp();
        await CreatePodsAsync(client, "pod", options.Pods, ct);
        var created = Stopwatch.GetElapsedTime(start);
        await WaitAsync(() => Volatile.Read(ref _boundCount) >= baseline + options.Pods, TimeSpan.FromMinutes(30), "the measured pods to be bound", ct);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        Report(elapsed, created, samples, baseline, scheduler, statsBefore, (cpu, allocated, GC.CollectionCount(0) - gcBefore));
        return 0;
    }

    private void Report(TimeSpan elapsed, TimeSpan created, List<int> samples, int baseline, SchedulerHost scheduler,
        (long Scheduled, TimeSpan CycleTime) before, (TimeSpan Cpu, long Allocated, int Gen0) process)
    {
        var (cpu, allocated, gen0) = process;
        var cpuPerPod = cpu.TotalMilliseconds / options.Pods;
        var kibPerPod = allocated / 1024.0 / options.Pods;
        var rate = options.Pods / elapsed.TotalSeconds;
        List<int> perSecond;
        lock (samples) perSecond = samples.Prepend(baseline).Zip(samples, (a, b) => b - a).Where(d => d > 0).OrderBy(d => d).ToList();
        int Pct(double p) => perSecond.Count == 0 ? 0 : perSecond[Math.Clamp((int)Math.Ceiling(p / 100 * perSecond.Count) - 1, 0, perSecond.Count - 1)];
        var latencies = _created.Where(kv => kv.Key.StartsWith("pod-", StringComparison.Ordinal) && _bound.ContainsKey(kv.Key))
            .Select(kv => (_bound[kv.Key] - kv.Value) * 1000.0 / Stopwatch.Frequency).OrderBy(x => x).ToList();
        double Lat(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
        var scheduled = scheduler.Stats.Scheduled - before.Scheduled;
        var cycleMs = (scheduler.Stats.CycleTime - before.CycleTime).TotalMilliseconds / Math.Max(1, scheduled);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured: {options.Pods} pods on {options.Nodes} nodes ({options.Scenario}) in {elapsed.TotalSeconds:F2}s = {rate:F0} pods/s; creates took {created.TotalSeconds:F2}s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput per second: avg {perSecond.DefaultIfEmpty().Average():F0}, p50 {Pct(50)}, p90 {Pct(90)}, p99 {Pct(99)} (samples {perSecond.Count})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency create→bound: p50 {Lat(50):F0} ms, p90 {Lat(90):F0} ms, p99 {Lat(99):F0} ms, max {Lat(100):F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scheduling cycle (scheduler thread only): {cycleMs:F3} ms/pod; process cpu {cpu.TotalSeconds:F1}s over {elapsed.TotalSeconds:F1}s wall = {cpuPerPod:F2} ms/pod; allocated {kibPerPod:F0} KiB/pod; gen0 GCs {gen0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT scheduling scenario={options.Scenario} nodes={options.Nodes} pods={options.Pods} rate={rate:F0} avg_per_s={perSecond.DefaultIfEmpty().Average():F0} p50_per_s={Pct(50)} p99_per_s={Pct(99)} lat_p50_ms={Lat(50):F0} lat_p99_ms={Lat(99):F0} cycle_ms={cycleMs:F3} cpu_s={cpu.TotalSeconds:F1} wall_s={elapsed.TotalSeconds:F1} cpu_ms_per_pod={cpuPerPod:F2} alloc_kib_per_pod={kibPerPod:F0} gen0={gen0}"));
    }

    private void OnPod(Pod pod)
    {
        if (string.IsNullOrEmpty(pod.Spec.NodeName) || pod.Metadata.Name is not { } name) return;
        if (_bound.TryAdd(name, Stopwatch.GetTimestamp())) Interlocked.Increment(ref _boundCount);
    }

    private Task CreatePodsAsync(KubeClient client, string prefix, int count, CancellationToken ct) =>
        ParallelAsync(count, async i =>
        {
            var name = $"{prefix}-{i}";
            _created[name] = Stopwatch.GetTimestamp();
            await client.Resource<Pod>().CreateAsync(Workload.Pod(name, options.Scenario), ct);
        }, ct);

    private Task ParallelAsync(int count, Func<int, Task> work, CancellationToken ct) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Clients, CancellationToken = ct }, async (i, _) => await work(i));

    private static async Task WaitAsync(Func<bool> condition, TimeSpan within, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(20, ct);
        }
    }
}
