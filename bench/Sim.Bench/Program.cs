using System.Globalization;
using Orca.Api.Coordination;
using Orca.Api.Core;
using Orca.Client;

namespace Orca.SimBench;

/// <summary>
/// sim-bench pods --kubeconfig K [--nodes 5000 --pods 30000 --prefix hollow- --clients 32 --namespace default --timeout 600 --place nodename|scheduler]
/// creates pods with spec.nodeName spread round-robin over hollow nodes (no scheduler needed), or without a node for
/// the scheduler to place (--place scheduler), watches
/// until every one is Running and Ready, and prints "RESULT" lines; exit 0 when all pods got there.
/// sim-bench delete-nodes --kubeconfig K --prefix P removes the nodes (and leases) a finished sim left.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: sim-bench pods --kubeconfig K [--nodes 5000 --pods 30000 --prefix hollow- --clients 32 --namespace default --timeout 600]
                              [--place nodename|scheduler]
               sim-bench delete-nodes --kubeconfig K --prefix P
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("pods" or "delete-nodes"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) flags[args[i].TrimStart('-')] = args[i + 1];
        var kubeconfig = flags.GetValueOrDefault("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig is required");
        if (args[0] == "delete-nodes") return await DeleteNodesAsync(kubeconfig, flags["prefix"]);

        int Int(string name, int fallback) => flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var scenario = new PodsScenario(kubeconfig, Int("nodes", 5000), Int("pods", 30_000), flags.GetValueOrDefault("prefix") ?? "hollow-",
            Int("clients", 32), flags.GetValueOrDefault("namespace") ?? "default", TimeSpan.FromSeconds(Int("timeout", 600)),
            scheduled: flags.GetValueOrDefault("place") == "scheduler");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var exit = await scenario.RunAsync(cancel.Token);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU pods client_cpu_s={cpu:F1}"));
        return exit;
    }

    private static async Task<int> DeleteNodesAsync(string kubeconfig, string prefix)
    {
        using var client = KubeClient.FromKubeconfig(kubeconfig);
        var nodes = client.Resource<Node>();
        var leases = client.Resource<Lease>();
        var names = (await nodes.ListAsync(null, new ListOptions { LabelSelector = "orca.dev/hollow=true" })).Items
            .Select(n => n.Metadata.Name!).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (name, ct) =>
        {
            await nodes.DeleteAsync(null, name, ct: ct);
            try
            {
                await leases.DeleteAsync("kube-node-lease", name, ct: ct);
            }
            catch (ApiException e) when (e.IsNotFound)
            {
            }
        });
        Console.WriteLine($"deleted {names.Count} nodes named {prefix}*");
        return 0;
    }
}
