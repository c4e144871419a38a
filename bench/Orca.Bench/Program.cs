using System.Globalization;

namespace Orca.Bench;

/// <summary>
/// orca-bench SCENARIO --kubeconfig PATH [options]; scenarios: creates, seed, list, watch.
/// Prints human lines and one machine-readable "RESULT name key=value…" line per measurement.
/// Exit code 0 when the scenario's correctness checks (no failed writes, no missing events) hold.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: orca-bench SCENARIO --kubeconfig PATH [--http 1.1|2] [options]
          creates  --clients 32 --seconds 10 --max 20000 --prefix c   concurrent POSTs, one connection per client
          seed     --count 10000 --clients 32 --prefix s              create pods as fast as possible (no time limit)
          list     --runs 10                                          full LIST as JSON and as Table, median
          watch    --watchers 500 --events 1000 --clients 32 --prefix w  watch fan-out delivery
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help") { Console.Error.WriteLine(Usage); return 2; }
        var flags = ParseFlags(args.Skip(1).ToArray());
        var config = Kubeconfig.Load(flags.GetValueOrDefault("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig or KUBECONFIG is required"));
        var http = Clients.ParseVersion(flags.GetValueOrDefault("http"));
        int Int(string name, int fallback) => flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        string Str(string name, string fallback) => flags.GetValueOrDefault(name) ?? fallback;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        var exit = args[0] switch
        {
            "creates" => await new CreatesScenario(config, http, Int("clients", 32), TimeSpan.FromSeconds(Int("seconds", 10)), Int("max", 20_000), Str("prefix", "c")).RunAsync(cancel.Token),
            "seed" => await new CreatesScenario(config, http, Int("clients", 32), TimeSpan.FromHours(1), Int("count", 10_000), Str("prefix", "s")).RunAsync(cancel.Token),
            "list" => await new ListScenario(config, http, Int("runs", 10)).RunAsync(cancel.Token),
            "watch" => await new WatchScenario(config, http, Int("watchers", 500), Int("events", 1000), Int("clients", 32), Str("prefix", "w")).RunAsync(cancel.Token),
            _ => Fail($"unknown scenario {args[0]}"),
        };
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU {args[0]} client_cpu_s={cpu:F1}"));
        return exit;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"orca-bench: {message}\n{Usage}");
        return 2;
    }

    private static Dictionary<string, string> ParseFlags(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected --name value, got {args[i]}");
            flags[args[i][2..]] = args[++i];
        }
        return flags;
    }
}
