using System.Globalization;

namespace Orca.ControllersBench;

/// <summary>
/// orca-controllers-bench deployment --kubeconfig K [--replicas 3000 --namespace default --gc yes|no --timeout 300]
/// runs issue 5's Deployment figures against a server whose scheduler and controllers run, with hollow nodes:
/// time to N available, a rolling update (maxSurge 25%, maxUnavailable 0) with the least available pods seen,
/// and a foreground-cascading delete (skipped without a garbage collector). Prints "RESULT" lines.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: orca-controllers-bench deployment --kubeconfig K [--replicas 3000 --namespace default --gc yes|no --timeout 300]";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "deployment")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) flags[args[i].TrimStart('-')] = args[i + 1];
        var kubeconfig = flags.GetValueOrDefault("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig is required");
        int Int(string name, int fallback) => flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var scenario = new DeploymentScenario(kubeconfig, Int("replicas", 3000), flags.GetValueOrDefault("namespace") ?? "default",
            flags.GetValueOrDefault("gc") != "no", TimeSpan.FromSeconds(Int("timeout", 300)));
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return await scenario.RunAsync(cancel.Token);
    }
}
