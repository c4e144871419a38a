using Orca.Client;
using Orca.Controllers;

namespace Orca.Cli;

/// <summary>`orca controller-manager --kubeconfig F [--controllers *,-x] [--leader-elect=false]`: the controllers alone against a server.</summary>
internal static class ControllerManagerCommand
{
    public static async Task<int> RunAsync(Flags flags)
    {
        var kubeconfig = flags.Get("kubeconfig") ?? Environment.GetEnvironmentVariable("KUBECONFIG")
            ?? throw new ArgumentException("--kubeconfig FILE is required");
        var options = OptionsFrom(flags) with { LeaderElect = flags.Get("leader-elect") is not "false" };
        var verbose = flags.Get("v") is { } v && int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) >= 4;
        flags.RejectUnknown();

        using var loggers = Logging.Create(verbose);
        using var stop = Logging.StopOnSignals();
        using var client = KubeClient.FromKubeconfig(kubeconfig);
        await using var manager = await ControllerManager.StartAsync(options, client, loggers, stop.Token);
        Console.WriteLine($"orca: controller manager running as {manager.Identity} ({string.Join(",", manager.Controllers)})");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine("orca: stopping the controller manager");
        return 0;
    }

    /// <summary>The flags `orca server` and `orca controller-manager` share: `--controllers`.</summary>
    public static ControllerManagerOptions OptionsFrom(Flags flags) => new()
    {
        Controllers = flags.Get("controllers") is { } c ? c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : ["*"],
    };
}
