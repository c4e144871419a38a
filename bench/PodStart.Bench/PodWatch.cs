using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Orca.PodStartBench;

/// <summary>
/// One watch on default-namespace pods that timestamps, per pod name, the first event showing the
/// Ready condition True and the DELETED event. Waiters get the Stopwatch timestamp of that event.
/// Thread-safe; the watch runs until the token is cancelled.
/// </summary>
internal sealed class PodWatch
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _ready = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _deleted = new();

    public Task<long> Ready(string name) => Slot(_ready, name).Task;

    public Task<long> Deleted(string name) => Slot(_deleted, name).Task;

    /// <summary>Lists to get a resourceVersion, then streams the watch in the background.</summary>
    public static async Task<PodWatch> StartAsync(HttpClient client, CancellationToken ct)
    {
        using var list = await client.GetAsync("/api/v1/namespaces/default/pods?limit=1", ct);
        list.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync(ct));
        var rv = doc.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var watch = new PodWatch();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/pods?watch=true&resourceVersion={rv}&allowWatchBookmarks=false");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        _ = Task.Run(() => watch.PumpAsync(response, ct), ct);
        return watch;
    }

    private async Task PumpAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var _ = response;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var now = Stopwatch.GetTimestamp();
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var type = doc.RootElement.GetProperty("type").GetString();
            var obj = doc.RootElement.GetProperty("object");
            if (!obj.TryGetProperty("metadata", out var meta) || !meta.TryGetProperty("name", out var n)) continue;
            var name = n.GetString()!;
            if (type == "DELETED") Slot(_deleted, name).TrySetResult(now);
            else if (IsReady(obj)) Slot(_ready, name).TrySetResult(now);
        }
    }

    private static bool IsReady(JsonElement pod)
    {
        if (!pod.TryGetProperty("status", out var status) || !status.TryGetProperty("conditions", out var conditions)) return false;
        foreach (var c in conditions.EnumerateArray())
            if (c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True") return true;
        return false;
    }

    private static TaskCompletionSource<long> Slot(ConcurrentDictionary<string, TaskCompletionSource<long>> map, string name) =>
        map.GetOrAdd(name, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
