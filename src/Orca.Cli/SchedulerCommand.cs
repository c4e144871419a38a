using Orca.Client;
using Orca.Scheduler;

namespace Orca.Cli;

/// <summary>`orca scheduler --kubeconfig F [--config F] [--leader-elect=false]`: the scheduler alone against a server.</summary>
internal static class SchedulerCommand
{
    public static async Task<int> RunAsync(Flags flags)
    {
        var kubeconfig = flags.Get("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig FILE is required");
        var options = new SchedulerHostOptions
        {
            ConfigPath = flags.Get("config"),
            LeaderElect = flags.Get("leader-elect") is { } le ? le != "false" : null,
        };
        var verbose = flags.Get("v") is { } v && int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) >= 4;
        flags.RejectUnknown();

        using var loggers = Logging.Create(verbose);
        using var stop = Logging.StopOnSignals();
        using var client = KubeClient.FromKubeconfig(kubeconfig);
        await using var scheduler = await SchedulerHost.StartAsync(options, client, loggers, stop.Token);
        Console.WriteLine($"orca: scheduler running as {scheduler.Identity}");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine("orca: stopping the scheduler");
        return 0;
    }
}
