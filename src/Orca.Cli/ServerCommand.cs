using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Orca.ApiServer;
using Orca.Client;
using Orca.Storage.Sqlite;

namespace Orca.Cli;

/// <summary>
/// `orca server`: the store, the API server, the scheduler and the controller manager (each under leader election), then the embedded node
/// agent; stops in reverse on SIGINT/SIGTERM.
/// </summary>
internal static class ServerCommand
{
    public static async Task<int> RunAsync(Flags flags)
    {
        var options = new ApiServerOptions
        {
            DataDir = Path.GetFullPath(flags.Get("data-dir") ?? "/var/lib/orca"),
            Port = flags.Get("port") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 6443,
            Bind = flags.Get("bind") is { } b ? IPAddress.TryParse(b, out var ip) ? ip : throw new ArgumentException($"--bind {b} is not an IP address") : IPAddress.Loopback,
        };
        var verbose = flags.Get("v") is { } v && int.Parse(v, CultureInfo.InvariantCulture) >= 4;
        var disableAgent = flags.Has("disable-agent");
        var disableScheduler = flags.Has("disable-scheduler");
        var schedulerOptions = new Orca.Scheduler.SchedulerHostOptions { ConfigPath = flags.Get("scheduler-config") };
        var disableControllers = flags.Has("disable-controllers");
        var controllerOptions = ControllerManagerCommand.OptionsFrom(flags);
        var agentOptions = AgentHostOptions.FromFlags(flags, options.DataDir);
        flags.RejectUnknown();
        options.Validate();

        using var loggers = Logging.Create(verbose);
        var logger = loggers.CreateLogger("orca");
        using var stop = Logging.StopOnSignals();

        Directory.CreateDirectory(options.DataDir);
        var dbDir = Path.Combine(options.DataDir, "db");
        Directory.CreateDirectory(dbDir);
        await using var store = await SqliteStore.OpenAsync(Path.Combine(dbDir, "state.db"), SqliteStoreOptions.Default, stop.Token);
        await using var server = await OrcaApiServer.StartAsync(options, store, TimeProvider.System, loggers, stop.Token);
        Console.WriteLine($"orca: API server listening on {server.Url}");
        Console.WriteLine($"export KUBECONFIG={server.KubeconfigPath}");

        using var client = disableAgent && disableScheduler && disableControllers ? null : KubeClient.FromKubeconfig(server.KubeconfigPath);
        await using var scheduler = disableScheduler ? null : await Orca.Scheduler.SchedulerHost.StartAsync(schedulerOptions, client!, loggers, stop.Token);
        if (scheduler is not null) Console.WriteLine("orca: scheduler running (lease kube-system/kube-scheduler)");
        await using var controllers = disableControllers ? null : await Orca.Controllers.ControllerManager.StartAsync(controllerOptions, client!, loggers, stop.Token);
        if (controllers is not null) Console.WriteLine("orca: controller manager running (lease kube-system/kube-controller-manager)");
        AgentHost? agent = null;
        if (!disableAgent)
        {
            try
            {
                agent = await AgentHost.StartAsync(agentOptions, client!, X509Certificate2.CreateFromPem(server.CaPem), loggers, stop.Token);
                Console.WriteLine($"orca: node agent running as node \"{agent.NodeName}\"");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The control plane stays useful without a node (e.g. not root, no runc): say why and go on.
                logger.LogError(e, "the node agent did not start; the API server keeps running without a node");
            }
        }
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine("orca: stopping");
        if (agent is not null) await agent.DisposeAsync();
        return 0;
    }
}
