using System.Diagnostics;

namespace Orca.PodStartBench;

/// <summary>
/// Runs one podman pod the way the peer is measured: `podman kube play` of the bench YAML, poll
/// `podman pod inspect` until Running, then `podman pod rm -f -t 0`. Podman's config comes from the
/// inherited environment (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF) set by run.sh.
/// </summary>
internal static class Podman
{
    public sealed record Run(double PlayMs, double RunningMs, double TeardownMs);

    public static async Task<Run> RunOnceAsync(string dir, string name, string network, CancellationToken ct)
    {
        var yaml = Path.Combine(dir, name + ".yaml");
        await File.WriteAllTextAsync(yaml, BenchPod.Yaml(name), ct);
        var start = Stopwatch.GetTimestamp();
        await ExecAsync(ct, "kube", "play", "--network", network, yaml);
        var play = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await ExecAsync(ct, "pod", "inspect", name, "--format", "{{.State}}")).Trim() != "Running")
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"podman pod {name} not Running in 60 s");
            await Task.Delay(5, ct);
        }
        var running = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var down = Stopwatch.GetTimestamp();
        await ExecAsync(ct, "pod", "rm", "-f", "-t", "0", name);
        return new Run(play, running, Stopwatch.GetElapsedTime(down).TotalMilliseconds);
    }

    private static async Task<string> ExecAsync(CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"podman {string.Join(' ', args)}: exit {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
