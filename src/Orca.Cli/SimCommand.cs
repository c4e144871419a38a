using System.Globalization;
using System.Net;
using Orca.Api;
using Orca.Client;
using Orca.Sim;

namespace Orca.Cli;

/// <summary>
/// `orca sim --kubeconfig F --nodes N [...]`: hollow nodes against a server until SIGINT/SIGTERM. With
/// --control ADDR:PORT a loopback HTTP endpoint serves stats and heartbeat switches.
/// </summary>
internal static class SimCommand
{
    public const string Usage = """
          sim        hollow nodes: --kubeconfig F --nodes N [--name-prefix hollow- --cpu 32 --memory 256Gi --pods 110
                     --labels k=v,… --taints k=v:Effect,… --heartbeat 10s --lease-duration 40s --status-report 5m
                     --max-grace 30s --pod-run-time 5s --pod-cidr 10.128.0.0/10 --node-ip-cidr 127.192.0.0/10
                     --node-workers 16 --pod-workers 32 --control 127.0.0.1:PORT --stats-every 30s]
        """;

    public static async Task<int> RunAsync(Flags flags)
    {
        var kubeconfig = flags.Get("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig F is required");
        var options = Options(flags);
        var control = flags.Get("control") is { } c ? Endpoint(c) : null;
        var statsEvery = Duration(flags, "stats-every") ?? TimeSpan.FromSeconds(30);
        flags.RejectUnknown();
        options.Validate();

        using var loggers = Logging.Create(verbose: false);
        using var stop = Logging.StopOnSignals();
        using var client = LoadClient(kubeconfig);
        var baseline = MemorySnapshot.Take(gc: true);
        await using var cluster = HollowCluster.Start(client, options, TimeProvider.System, loggers);
        await using var endpoint = control is null ? null : await HollowControl.StartAsync(cluster, control, baseline, stop.Token);
        if (endpoint is not null) Console.WriteLine($"orca: sim control endpoint {endpoint.Url}");
        Console.WriteLine($"orca: starting {options.Nodes} hollow nodes {options.NodeName(0)}…{options.NodeName(Math.Max(0, options.Nodes - 1))}");
        try
        {
            await cluster.WaitForRegistrationAsync(stop.Token);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"orca: {options.Nodes} hollow nodes registered in {cluster.Stats().RegistrationTime?.TotalSeconds:F1} s"));
            using var ticker = new PeriodicTimer(statsEvery);
            while (await ticker.WaitForNextTickAsync(stop.Token)) Console.WriteLine($"orca: sim {Line(cluster.Stats())}");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        Console.WriteLine("orca: stopping the sim (nodes and pods stay in the API)");
        return 0;
    }

    private static KubeClient LoadClient(string kubeconfig)
    {
        try
        {
            return KubeClient.FromKubeconfig(kubeconfig);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            throw new ArgumentException($"--kubeconfig {kubeconfig}: {e.Message}");
        }
    }

    private static HollowOptions Options(Flags flags)
    {
        var d = new HollowOptions();
        return new HollowOptions
        {
            Nodes = Int(flags, "nodes") ?? throw new ArgumentException("--nodes N is required"),
            NamePrefix = flags.Get("name-prefix") ?? d.NamePrefix,
            Cpu = flags.Get("cpu") is { } cpu ? Quantity.Parse(cpu) : d.Cpu,
            Memory = flags.Get("memory") is { } mem ? Quantity.Parse(mem) : d.Memory,
            MaxPods = Int(flags, "pods") ?? d.MaxPods,
            Labels = HollowOptions.ParseLabels(flags.Get("labels")),
            Taints = HollowOptions.ParseTaints(flags.Get("taints")),
            HeartbeatInterval = Duration(flags, "heartbeat") ?? d.HeartbeatInterval,
            LeaseDuration = Duration(flags, "lease-duration") ?? d.LeaseDuration,
            NodeStatusReportInterval = Duration(flags, "status-report") ?? d.NodeStatusReportInterval,
            MaxGracePeriod = Duration(flags, "max-grace") ?? d.MaxGracePeriod,
            PodRunTime = Duration(flags, "pod-run-time"),
            PodCidr = flags.Get("pod-cidr") ?? d.PodCidr,
            NodeIpCidr = flags.Get("node-ip-cidr") ?? d.NodeIpCidr,
            NodeWorkers = Int(flags, "node-workers") ?? d.NodeWorkers,
            PodWorkers = Int(flags, "pod-workers") ?? d.PodWorkers,
        };
    }

    private static string Line(HollowStats s) => string.Create(CultureInfo.InvariantCulture,
        $"nodes={s.Registered}/{s.Nodes} heartbeating={s.Heartbeating} pods={s.Pods} running={s.Running} starting={s.Starting} " +
        $"terminating={s.Terminating} events={s.WatchEvents} failures={s.Failures}");

    private static int? Int(Flags flags, string name) =>
        flags.Get(name) is { } v ? int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : throw new ArgumentException($"--{name} {v} is not a number") : null;

    /// <summary>Go-style durations as kubelet flags take them: 500ms, 10s, 5m, 1h, 1m30s.</summary>
    internal static TimeSpan? Duration(Flags flags, string name)
    {
        if (flags.Get(name) is not { } text) return null;
        var total = TimeSpan.Zero;
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.')) digits++;
            var unit = digits;
            while (unit < rest.Length && char.IsAsciiLetter(rest[unit])) unit++;
            if (digits == 0 || !double.TryParse(rest[..digits], CultureInfo.InvariantCulture, out var value))
                throw new ArgumentException($"--{name} {text} is not a duration (e.g. 500ms, 10s, 5m)");
            total += rest[digits..unit] switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                "" when value == 0 => TimeSpan.Zero,
                _ => throw new ArgumentException($"--{name} {text} is not a duration (e.g. 500ms, 10s, 5m)"),
            };
            rest = rest[unit..];
        }
        return total;
    }

    private static IPEndPoint Endpoint(string text) =>
        IPEndPoint.TryParse(text, out var ep) ? ep : throw new ArgumentException($"--control {text} is not ADDR:PORT");
}
