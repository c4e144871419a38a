using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Orca.ApiServer;
using Orca.Storage.Sqlite;

namespace Orca.Cli;

/// <summary>`orca server`: the store, then the API server; stops in reverse on SIGINT/SIGTERM.</summary>
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
        var logLevel = flags.Get("v") is { } v && int.Parse(v, CultureInfo.InvariantCulture) >= 4 ? LogLevel.Debug : LogLevel.Information;
        flags.RejectUnknown();
        options.Validate();

        using var loggers = LoggerFactory.Create(l => l.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(logLevel).AddFilter("Microsoft", logLevel == LogLevel.Debug ? LogLevel.Information : LogLevel.Warning));
        using var stop = new CancellationTokenSource();
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        Directory.CreateDirectory(options.DataDir);
        var dbDir = Path.Combine(options.DataDir, "db");
        Directory.CreateDirectory(dbDir);
        await using var store = await SqliteStore.OpenAsync(Path.Combine(dbDir, "state.db"), SqliteStoreOptions.Default, stop.Token);
        await using var server = await OrcaApiServer.StartAsync(options, store, TimeProvider.System, loggers, stop.Token);
        Console.WriteLine($"orca: API server listening on {server.Url}");
        Console.WriteLine($"export KUBECONFIG={server.KubeconfigPath}");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        Console.WriteLine("orca: stopping");
        return 0;
    }
}
