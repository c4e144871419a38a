using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Orca.Client;

namespace Orca.Cli;

/// <summary>`orca agent --server URL --token T [--ca-file F] [--node-name N] [--data-dir D]`: a node agent alone against a server.</summary>
internal static class AgentCommand
{
    public static async Task<int> RunAsync(Flags flags)
    {
        var server = flags.Get("server") ?? throw new ArgumentException("--server URL is required");
        var token = flags.Get("token") ?? throw new ArgumentException("--token T is required");
        var caFile = flags.Get("ca-file");
        var dataDir = Path.GetFullPath(flags.Get("data-dir") ?? "/var/lib/orca");
        var options = AgentHostOptions.FromFlags(flags, dataDir);
        flags.RejectUnknown();

        using var loggers = Logging.Create(verbose: false);
        var logger = loggers.CreateLogger("orca");
        using var stop = Logging.StopOnSignals();
        string? caPem = caFile is null ? null : await File.ReadAllTextAsync(caFile);
        using var client = new KubeClient(new KubeClientOptions { Server = new Uri(server), BearerToken = token, CaPem = caPem, InsecureSkipTlsVerify = caPem is null });
        if (caPem is null)
        {
            // Without --ca-file the server is not verified; the cluster CA the agent trusts for its own
            // endpoint is then read from the kube-root-ca.crt ConfigMap with the token.
            Console.Error.WriteLine("orca agent: warning: no --ca-file given; the API server's certificate is not verified");
            var published = await client.Resource<Orca.Api.Core.ConfigMap>().GetAsync("kube-system", "kube-root-ca.crt", stop.Token);
            caPem = published.Data?.GetValueOrDefault("ca.crt") ?? throw new InvalidOperationException("kube-system/kube-root-ca.crt has no ca.crt");
        }
        await using var agent = await AgentHost.StartAsync(options, client, X509Certificate2.CreateFromPem(caPem), loggers, stop.Token);
        Console.WriteLine($"orca: node agent running as node \"{agent.NodeName}\"");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine("orca: stopping the agent (containers keep running)");
        return 0;
    }
}

/// <summary>Console logging and SIGINT/SIGTERM handling shared by the long-running commands.</summary>
internal static class Logging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(l => l
        .AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; })
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
        .AddFilter("Microsoft", verbose ? LogLevel.Information : LogLevel.Warning));

    /// <summary>A token cancelled by SIGINT or SIGTERM (the registrations live as long as the returned source).</summary>
    public static CancellationTokenSource StopOnSignals()
    {
        var stop = new CancellationTokenSource();
        var registrations = new[]
        {
            System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); }),
            System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); }),
        };
        stop.Token.Register(() => { foreach (var r in registrations) r.Dispose(); });
        return stop;
    }
}
