namespace Orca.Cli;

/// <summary>Subcommand dispatch: wiring only.</summary>
internal static class Commands
{
    private static readonly string Usage = $"""
        usage: orca <command> [flags]

        commands:
          server     run the control plane (API server on an embedded SQLite store, scheduler) and a node agent for this machine
                     --data-dir DIR (default /var/lib/orca)  --port N (default 6443)  --bind ADDR (default 127.0.0.1)
                     --disable-scheduler  --scheduler-config FILE  --disable-controllers  --controllers "*,-name"
                     --disable-agent  --node-name N  --agent-port N (10250)  --pod-cidr CIDR (10.88.0.0/16)  --bridge NAME (orca0)
                     --ip-masq=false  --insecure-registry HOST[:PORT],…  --runtime runc|crun (runc; crun needs cgroup v2)  --sandbox-pool N (2)
                     --image-gc-high-threshold PCT (85)  --image-gc-low-threshold PCT (80)  --seccomp-default (RuntimeDefault when a pod names no profile)  --max-pods N (110)
                     --eviction-hard "memory.available<100Mi,nodefs.available<10%,imagefs.available<15%,nodefs.inodesFree<5%" (these defaults)
          scheduler  run the scheduler alone: --kubeconfig FILE [--config FILE (KubeSchedulerConfiguration)] [--leader-elect=false]
          controller-manager  run the controllers alone: --kubeconfig FILE [--controllers "*,-name"] [--leader-elect=false]
          agent      run a node agent alone: --server URL --token T [--ca-file F] [--node-name N] [--data-dir D] (+ the agent flags above)
        {SimCommand.Usage}
          image      manage the image store: import FILE | ls | rm REF  [--data-dir DIR]
          version    print the version
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "image") return await ImageCommand.RunAsync(args[1..]);
        try
        {
            var flags = Flags.Parse(args[1..]);
            switch (args[0])
            {
                case "server":
                    return await ServerCommand.RunAsync(flags);
                case "agent":
                    return await AgentCommand.RunAsync(flags);
                case "sim":
                    return await SimCommand.RunAsync(flags);
                case "scheduler":
                    return await SchedulerCommand.RunAsync(flags);
                case "controller-manager":
                    return await ControllerManagerCommand.RunAsync(flags);
                case "version":
                    Console.WriteLine($"orca {Orca.ApiServer.OrcaApiServer.Version}");
                    return 0;
                default:
                    Console.Error.WriteLine($"orca: unknown command \"{args[0]}\"\n\n{Usage}");
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"orca: {e.Message}");
            return 2;
        }
    }
}

/// <summary>`--name value` and `--name=value` flags; a flag given twice keeps the last value.</summary>
internal sealed class Flags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public static Flags Parse(string[] args)
    {
        var flags = new Flags();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument \"{a}\"");
            var eq = a.IndexOf('=');
            if (eq > 0) flags._values[a[2..eq]] = a[(eq + 1)..];
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) flags._values[a[2..]] = args[++i];
            else flags._values[a[2..]] = "true";
        }
        return flags;
    }

    public string? Get(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public bool Has(string name) => Get(name) is "true";

    /// <summary>Fails on flags nobody asked for (typos should not be ignored silently).</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown flag --{unknown[0]}");
    }
}
