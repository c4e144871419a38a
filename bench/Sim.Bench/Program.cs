using System.Globalization;

namespace Orca.SimBench;

/// <summary>
/// sim-bench pods --kubeconfig K [--nodes 5000 --pods 30000 --prefix hollow- --clients 32 --namespace default --timeout 600]
/// Creates pods with spec.nodeName spread round-robin over hollow nodes (no scheduler needed), watches
/// until every one is Running and Ready, and prints "RESULT" lines. Exit 0 when all pods got there.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "pods")
        {
            Console.Error.WriteLine("usage: sim-bench pods --kubeconfig K [--nodes 5000 --pods 30000 --prefix hollow- --clients 32 --namespace default --timeout 600]");
            return 2;
        }
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) flags[args[i].TrimStart('-')] = args[i + 1];
        int Int(string name, int fallback) => flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var scenario = new PodsScenario(
            flags.GetValueOrDefault("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? throw new ArgumentException("--kubeconfig is required"),
            Int("nodes", 5000), Int("pods", 30_000), flags.GetValueOrDefault("prefix") ?? "hollow-", Int("clients", 32),
            flags.GetValueOrDefault("namespace") ?? "default", TimeSpan.FromSeconds(Int("timeout", 600)));
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var exit = await scenario.RunAsync(cancel.Token);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU pods client_cpu_s={cpu:F1}"));
        return exit;
    }
}
