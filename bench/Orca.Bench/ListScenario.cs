using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Orca.Bench;

/// <summary>
/// Full LISTs of the default namespace's pods (no limit), as JSON and as a Table, each timed from
/// request to last body byte; reports the median of the runs and the item count seen.
/// </summary>
internal sealed class ListScenario(Kubeconfig config, Version http, int runs)
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var client = Clients.Create(config, http, TimeSpan.FromMinutes(5));
        var json = await MeasureAsync(client, "application/json", "items", ct);
        var table = await MeasureAsync(client, TableAccept, "rows", ct);
        return json && table ? 0 : 1;
    }

    private async Task<bool> MeasureAsync(HttpClient client, string accept, string arrayName, CancellationToken ct)
    {
        var label = arrayName == "items" ? "json" : "table";
        await FetchAsync(client, accept, ct); // warm-up, not counted
        var times = new List<long>();
        long bytes = 0;
        byte[] last = [];
        for (var i = 0; i < runs; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            last = await FetchAsync(client, accept, ct);
            times.Add(Stopwatch.GetTimestamp() - t0);
            bytes = last.Length;
        }
        using var doc = JsonDocument.Parse(last);
        var count = doc.RootElement.TryGetProperty(arrayName, out var arr) ? arr.GetArrayLength() : -1;
        var stats = new Stats(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"list {label}: {count} {arrayName}, {bytes / 1024.0 / 1024.0:F1} MiB; {stats.Summary()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT list_{label} median={stats.Percentile(50):F1} min={stats.Min:F1} max={stats.Max:F1} count={count} mib={bytes / 1024.0 / 1024.0:F1}"));
        return count > 0;
    }

    private static async Task<byte[]> FetchAsync(HttpClient client, string accept, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Pods.Path);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(ct);
    }
}
