using System.Globalization;

namespace Orca.Scheduler.Bench;

/// <summary>
/// orca-scheduler-bench: the scheduler_perf SchedulingBasic shape (N fake nodes, M pods placed first, then P
/// measured pods) against an in-process scheduler and API server (or an external server via --kubeconfig).
/// Prints human lines and "RESULT key=value…" lines.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: orca-scheduler-bench [--scenario basic|antiaffinity] [--nodes 5000] [--init-pods 1000] [--pods 10000]
                                    [--clients 16] [--store sqlite|memory] [--parallelism N] [--kubeconfig FILE] [--mode e2e|algorithm]
          --mode algorithm  the scheduler alone (no API server): the cost of the algorithm per pod
          basic         pods request 100m cpu and 500Mi memory (scheduler_perf pod-default), nodes 4 cpu / 32Gi / 110 pods
          antiaffinity  pods carry required anti-affinity to each other on kubernetes.io/hostname (one per node)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("-h") || args.Contains("--help"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"expected --name value, got {args[i]}\n{Usage}");
            flags[args[i][2..]] = args[i + 1];
        }
        int Int(string name, int fallback) => flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var options = new BenchOptions
        {
            Scenario = flags.GetValueOrDefault("scenario") ?? "basic",
            Nodes = Int("nodes", 5000),
            InitPods = Int("init-pods", 1000),
            Pods = Int("pods", 10000),
            Clients = Int("clients", 16),
            Store = flags.GetValueOrDefault("store") ?? "sqlite",
            Parallelism = flags.TryGetValue("parallelism", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : null,
            Kubeconfig = flags.GetValueOrDefault("kubeconfig"),
        };
        if (options.Scenario is not ("basic" or "antiaffinity")) throw new ArgumentException($"unknown scenario {options.Scenario}\n{Usage}");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        if (flags.GetValueOrDefault("mode") == "algorithm") return await new AlgorithmScenario(options).RunAsync(cancel.Token);
        return await new SchedulingScenario(options).RunAsync(cancel.Token);
    }
}

internal sealed record BenchOptions
{
    public required string Scenario { get; init; }
    public required int Nodes { get; init; }
    public required int InitPods { get; init; }
    public required int Pods { get; init; }
    public required int Clients { get; init; }
    public required string Store { get; init; }
    public int? Parallelism { get; init; }
    public string? Kubeconfig { get; init; }
}
