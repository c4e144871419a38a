using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Orca.Api.Core;
using Orca.Api.Selectors;
using Orca.Scheduler.Config;
using Orca.Scheduler.Framework;

namespace Orca.Scheduler.Bench;

/// <summary>
/// The scheduler alone, without API server or HTTP: nodes and pods go straight into its event handlers and a
/// binding is "seen" by the cache as soon as it is made. Measures what the scheduling algorithm costs per pod
/// (wall time and CPU time of the process), which the end-to-end figure includes.
/// </summary>
internal sealed class AlgorithmScenario(BenchOptions options)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var config = ConfigLoader.Default();
        if (options.Parallelism is { } p) config.Parallelism = p;
        var client = new InstantBinder();
        using var scheduler = new Scheduler(new SchedulerDependencies
        {
            Client = client,
            Namespaces = new NoNamespaces(),
            DisruptionBudgets = new NoBudgets(),
            GroupSelectors = new NoGroups(),
            EventsFor = _ => new NoEvents(),
            GetPod = (_, _) => null,
            Time = TimeProvider.System,
            Logger = NullLogger.Instance,
        }, config);
        client.Handlers = scheduler.EventHandlers;
        for (var i = 0; i < options.Nodes; i++) scheduler.EventHandlers.OnNodeAdd(Workload.Node(i));
        await RunPodsAsync(scheduler, client, "init", options.InitPods, options.Scenario, ct);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var gen0 = GC.CollectionCount(0);
        var alloc = GC.GetTotalAllocatedBytes();
        var wall = await RunPodsAsync(scheduler, client, "pod", options.Pods, options.Scenario, ct);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var kb = (GC.GetTotalAllocatedBytes() - alloc) / 1024.0 / options.Pods;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"algorithm: {options.Pods} pods on {options.Nodes} nodes ({options.Scenario}): {options.Pods / wall.TotalSeconds:F0} pods/s wall, "
            + $"{cpu.TotalMilliseconds / options.Pods:F3} ms cpu/pod, {kb:F1} KiB allocated/pod, gen0 GCs {GC.CollectionCount(0) - gen0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT algorithm scenario={options.Scenario} nodes={options.Nodes} pods={options.Pods} rate={options.Pods / wall.TotalSeconds:F0} cpu_ms_per_pod={cpu.TotalMilliseconds / options.Pods:F3} alloc_kib_per_pod={kb:F1}"));
        return 0;
    }

    private static async Task<TimeSpan> RunPodsAsync(Scheduler scheduler, InstantBinder client, string prefix, int count, string scenario, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var target = client.Bound + count;
        for (var i = 0; i < count; i++)
        {
            var pod = Workload.Pod($"{prefix}-{i}", scenario);
            pod.Metadata.Uid = $"{prefix}-{i}";
            pod.Spec.SchedulerName = "default-scheduler";
            scheduler.EventHandlers.OnPodAdd(pod);
        }
        while (scheduler.Queue.Counts is { Active: > 0 } or { Backoff: > 0 }) await scheduler.ScheduleOneAsync(ct);
        while (client.Bound < target)
        {
            if (scheduler.Queue.Counts.Unschedulable > 0) throw new InvalidOperationException("a pod did not fit");
            await Task.Delay(1, ct);
        }
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Binds at once and tells the handlers, as the informer would when it sees the bound pod.</summary>
    private sealed class InstantBinder : ISchedulerClient
    {
        private int _bound;

        public EventHandlers Handlers { get; set; } = null!;

        public int Bound => Volatile.Read(ref _bound);

        public Task BindAsync(Pod pod, string nodeName, CancellationToken ct)
        {
            var bound = pod with { Spec = pod.Spec with { NodeName = nodeName } };
            lock (this) Handlers.OnPodUpdate(pod, bound);
            Interlocked.Increment(ref _bound);
            return Task.CompletedTask;
        }

        public Task PatchStatusAsync(Pod pod, PodStatusChange change, CancellationToken ct) => Task.CompletedTask;

        public Task DeletePodAsync(Pod pod, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class NoNamespaces : INamespaceLister
    {
        public IReadOnlyDictionary<string, string>? Labels(string ns) => null;
        public IReadOnlyList<string> Matching(LabelSelectorExpr selector) => [];
    }

    private sealed class NoBudgets : IDisruptionBudgetLister
    {
        public IReadOnlyList<DisruptionBudget> List() => [];
    }

    private sealed class NoGroups : IPodGroupSelectors
    {
        public IReadOnlyList<LabelSelectorExpr> For(Pod pod) => [];
    }

    private sealed class NoEvents : IEventSink
    {
        public void Event(Pod regarding, string type, string reason, string message)
        {
        }
    }
}
