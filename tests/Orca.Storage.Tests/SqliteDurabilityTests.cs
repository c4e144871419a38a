using System.Diagnostics;
using Orca.Storage.Sqlite;

namespace Orca.Storage.Tests;

/// <summary>
/// Runs Orca.Storage.CrashWriter as a child process that creates keys from many writers and prints
/// each acknowledged one, kills it with SIGKILL in the middle of the load, and checks that the file
/// still holds every key that was acknowledged.
/// </summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private const int AcksBeforeKill = 3_000;
    private readonly TempDatabase _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task AcknowledgedWrites_SurviveSigkillOfTheWriter()
    {
        var path = _files.NewPath();
        var acknowledged = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using (var child = Process.Start(CrashWriter(path, writers: 32))!)
        {
            var stderr = child.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                while (acknowledged.Count < AcksBeforeKill)
                {
                    var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                    if (line is null)
                    {
                        Assert.Fail($"crash writer exited early: {await stderr}");
                    }
                    AddAcknowledged(line, acknowledged);
                }
                child.Kill();
                while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    AddAcknowledged(line, acknowledged);
                }
                await child.WaitForExitAsync(timeout.Token);
                Assert.NotEqual(0, child.ExitCode);
            }
            finally
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }
            }
        }

        await using var store = await SqliteStore.OpenAsync(path);
        var missing = new List<string>();
        foreach (var key in acknowledged)
        {
            if (await store.GetAsync(key, timeout.Token) is null)
            {
                missing.Add(key);
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged keys lost, e.g. {missing.FirstOrDefault()}");
        Assert.InRange(store.CurrentRevision, acknowledged.Count, long.MaxValue);
        Assert.Equal(store.CurrentRevision, await store.CountAsync("/crash/", timeout.Token));
    }

    /// <summary>Only complete lines count: a line cut short by the kill carries no terminator.</summary>
    private static void AddAcknowledged(string line, List<string> acknowledged)
    {
        if (line.StartsWith("ack ", StringComparison.Ordinal) && line.EndsWith(';'))
        {
            acknowledged.Add(line[4..^1]);
        }
    }

    private static ProcessStartInfo CrashWriter(string path, int writers)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "Orca.Storage.CrashWriter.dll"), "crash", path, writers.ToString()])
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}
