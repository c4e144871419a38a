using System.Diagnostics;
using System.Globalization;

namespace Orca.Bench;

/// <summary>
/// N concurrent clients, each with its own connection, POST pods back to back until the duration
/// elapses or the total count is reached. Reports throughput, latency percentiles and failed writes.
/// </summary>
internal sealed class CreatesScenario(Kubeconfig config, Version http, int clients, TimeSpan duration, int maxCreates, string prefix)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var perClient = Enumerable.Range(0, clients).Select(_ => Clients.Create(config, http)).ToArray();
        // One warm-up request per client: TLS handshakes and JIT are not what is measured.
        await Task.WhenAll(perClient.Select((c, i) => Pods.CreateAsync(c, $"{prefix}-warm-{i}", ct)));

        var next = -1;
        var failures = 0;
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        var latencies = new List<long>[clients];
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = perClient.Select((client, w) => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(maxCreates / clients + 16);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= maxCreates) break;
                var t0 = Stopwatch.GetTimestamp();
                var (status, error) = await Pods.CreateAsync(client, $"{prefix}-{i}", ct);
                mine.Add(Stopwatch.GetTimestamp() - t0);
                if (status != System.Net.HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                    if (errors.Count < 5) errors.Add($"{(int)status}: {error}");
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var c in perClient) c.Dispose();

        var stats = new Stats(latencies.SelectMany(l => l));
        var rate = stats.Count / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"creates: clients={clients} http={http} n={stats.Count} elapsed={elapsed.TotalSeconds:F2}s rate={rate:F0}/s failed={failures}"));
        Console.WriteLine($"creates: latency {stats.Summary()}");
        foreach (var e in errors) Console.WriteLine($"creates: error {e}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT creates rate={rate:F0} p50={stats.Percentile(50):F1} p90={stats.Percentile(90):F1} p99={stats.Percentile(99):F1} max={stats.Max:F1} failed={failures} n={stats.Count}"));
        return failures == 0 ? 0 : 1;
    }
}
