using System.Diagnostics;

namespace Orca.PodStartBench;

/// <summary>
/// Counts the conmon processes whose command line mentions the Orca data dir: the agent's containers
/// are really gone (not just the API object) when this reaches zero.
/// </summary>
internal static class Conmons
{
    public static int Count(string dataDir)
    {
        var n = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsAsciiDigit(Path.GetFileName(dir)[0])) continue;
            try
            {
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmd.StartsWith("/usr/bin/conmon", StringComparison.Ordinal) || cmd.StartsWith("conmon", StringComparison.Ordinal))
                    if (cmd.Contains(dataDir, StringComparison.Ordinal)) n++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return n;
    }

    /// <summary>Polls every 5 ms until no conmon of the data dir is left; returns the Stopwatch timestamp.</summary>
    public static async Task<long> WaitNoneAsync(string dataDir, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Count(dataDir) > 0)
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"conmon processes of {dataDir} still running after {timeout}");
            await Task.Delay(5, ct);
        }
        return Stopwatch.GetTimestamp();
    }
}
