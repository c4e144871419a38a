using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orca.Bench;

/// <summary>
/// W watchers on the default namespace's pods from the current resourceVersion, then a burst of N
/// creates from <c>creators</c> concurrent connections. Every watcher must see every ADDED event.
/// Delivery latency per (watcher, event) is measured against both the create's send time and its
/// response time, on the one Stopwatch clock of this process.
/// </summary>
internal sealed class WatchScenario(Kubeconfig config, Version http, int watchers, int burst, int creators, string prefix)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var creatorClients = Enumerable.Range(0, creators).Select(_ => Clients.Create(config, http)).ToArray();
        await Task.WhenAll(creatorClients.Select((c, i) => Pods.CreateAsync(c, $"{prefix}warm-{i}", ct)));
        using var watchClient = Clients.Create(config, http, Timeout.InfiniteTimeSpan);
        var rv = await CurrentRevisionAsync(watchClient, ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var received = new long[watchers][];
        var progress = new int[watchers];
        var opened = Stopwatch.GetTimestamp();
        var headerTimes = new long[watchers];
        // Nothing is written while the watches open: each must get its headers on a quiet resource.
        var responses = await Task.WhenAll(Enumerable.Range(0, watchers).Select(w => OpenAsync(watchClient, rv, opened, headerTimes, w, stop.Token)))
            .WaitAsync(TimeSpan.FromSeconds(30), ct);
        var headers = new Stats(headerTimes.ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watch: {watchers} watchers open from rv={rv} over http={http} in {Stopwatch.GetElapsedTime(opened).TotalMilliseconds:F0} ms, no events sent; headers after {headers.Summary()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT watch_open watchers={watchers} http={http} headers_p50={headers.Percentile(50):F1} headers_max={headers.Max:F1}"));
        await FirstByteAsync(rv, ct);
        var readers = Enumerable.Range(0, watchers).Select(w =>
        {
            received[w] = new long[burst];
            return Task.Run(() => ReadAsync(responses[w], received[w], progress, w, stop.Token), CancellationToken.None);
        }).ToArray();

        var sent = new long[burst];
        var answered = new long[burst];
        var failures = await BurstAsync(creatorClients, sent, answered, ct);
        var burstEnd = Stopwatch.GetTimestamp();
        await WaitForDeliveryAsync(progress, (long)watchers * burst, ct);
        var drained = Stopwatch.GetElapsedTime(burstEnd);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var r in responses) r.Dispose();
        foreach (var c in creatorClients) c.Dispose();
        return Report(received, sent, answered, failures, drained);
    }

    private async Task<int> BurstAsync(HttpClient[] clients, long[] sent, long[] answered, CancellationToken ct)
    {
        var next = -1;
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < burst)
            {
                sent[i] = Stopwatch.GetTimestamp();
                var (status, _) = await Pods.CreateAsync(client, $"{prefix}{i}", ct);
                answered[i] = Stopwatch.GetTimestamp();
                if (status != System.Net.HttpStatusCode.Created) Interlocked.Increment(ref failures);
            }
        }, ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watch: burst of {burst} creates from {clients.Length} connections in {elapsed.TotalMilliseconds:F0} ms ({burst / elapsed.TotalSeconds:F0}/s), failed={failures}"));
        return failures;
    }

    /// <summary>Returns once every expected event arrived, or nothing new arrived for 15 s.</summary>
    private static async Task WaitForDeliveryAsync(int[] progress, long expected, CancellationToken ct)
    {
        long last = -1;
        var lastChange = Stopwatch.GetTimestamp();
        while (true)
        {
            long total = 0;
            for (var k = 0; k < progress.Length; k++) total += Volatile.Read(ref progress[k]);
            if (total >= expected) return;
            if (total != last) { last = total; lastChange = Stopwatch.GetTimestamp(); }
            else if (Stopwatch.GetElapsedTime(lastChange) > TimeSpan.FromSeconds(15)) return;
            await Task.Delay(20, ct);
        }
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, long rv, long opened, long[] headerTimes, int w, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Pods.Path}?watch=true&resourceVersion={rv}");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        headerTimes[w] = Stopwatch.GetTimestamp() - opened;
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>
    /// One more watch on its own fresh connection, timed from request to headers: on a quiet resource
    /// this is the server's header flush, without the 500-way open contending for it.
    /// </summary>
    private async Task FirstByteAsync(long rv, CancellationToken ct)
    {
        using var fresh = Clients.Create(config, http, Timeout.InfiniteTimeSpan);
        using (await fresh.GetAsync($"{Pods.Path}?limit=1", ct)) { }
        var t0 = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Pods.Path}?watch=true&resourceVersion={rv}");
        using var response = await fresh.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT watch_first_byte http={http} status={(int)response.StatusCode} headers_ms={ms:F1} (single watch, warm connection, no events)"));
    }

    /// <summary>Splits the stream into lines and stamps the first ADDED of each of our pods.</summary>
    private async Task ReadAsync(HttpResponseMessage response, long[] stamps, int[] progress, int w, CancellationToken ct)
    {
        var needle = Encoding.UTF8.GetBytes($"\"name\":\"{prefix}");
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var n = await body.ReadAsync(buffer.AsMemory(filled), ct);
                if (n == 0) return;
                var now = Stopwatch.GetTimestamp();
                filled += n;
                var start = 0;
                int nl;
                while ((nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
                {
                    if (Stamp(buffer.AsSpan(start, nl - start), needle, stamps, now)) Interlocked.Increment(ref progress[w]);
                    start = nl + 1;
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                filled -= start;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Console.WriteLine($"watch: watcher {w} stream failed: {e.Message}");
        }
    }

    private static bool Stamp(ReadOnlySpan<byte> line, ReadOnlySpan<byte> needle, long[] stamps, long now)
    {
        if (!line.StartsWith("{\"type\":\"ADDED\""u8)) return false;
        var at = line.IndexOf(needle);
        if (at < 0) return false;
        var digits = line[(at + needle.Length)..];
        var end = digits.IndexOf((byte)'"');
        if (end < 0 || !int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var i) || (uint)i >= (uint)stamps.Length) return false;
        if (stamps[i] != 0) return false;
        stamps[i] = now;
        return true;
    }

    private static async Task<long> CurrentRevisionAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.GetAsync($"{Pods.Path}?limit=1", ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        return long.Parse(doc.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!, CultureInfo.InvariantCulture);
    }

    private int Report(long[][] received, long[] sent, long[] answered, int failures, TimeSpan drained)
    {
        var fromSend = new List<long>(watchers * burst);
        var fromResponse = new List<long>(watchers * burst);
        long missing = 0, beforeResponse = 0;
        foreach (var stamps in received)
        {
            for (var i = 0; i < burst; i++)
            {
                if (stamps[i] == 0) { missing++; continue; }
                fromSend.Add(stamps[i] - sent[i]);
                var d = stamps[i] - answered[i];
                if (d < 0) beforeResponse++;
                fromResponse.Add(Math.Max(0, d));
            }
        }
        var s = new Stats(fromSend);
        var r = new Stats(fromResponse);
        var missingWatchers = received.Count(st => st.Any(x => x == 0));
        Console.WriteLine($"watch: delivered {s.Count}/{(long)watchers * burst}, missing={missing} (in {missingWatchers} watchers), last delivery {drained.TotalMilliseconds:F0} ms after the burst ended");
        Console.WriteLine($"watch: latency from create sent     {s.Summary()}");
        Console.WriteLine($"watch: latency from create response {r.Summary()} ({beforeResponse} events arrived before the create's response; counted as 0)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT watch watchers={watchers} events={burst} missing={missing} sent_p50={s.Percentile(50):F1} sent_p99={s.Percentile(99):F1} sent_max={s.Max:F1} resp_p50={r.Percentile(50):F1} resp_p99={r.Percentile(99):F1} resp_max={r.Max:F1} failed={failures}"));
        return missing == 0 && failures == 0 ? 0 : 1;
    }
}
