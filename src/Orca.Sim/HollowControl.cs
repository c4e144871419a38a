using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orca.Sim;

/// <summary>
/// A plain-HTTP control endpoint of a running sim, for scripts and benchmarks on the same machine:
/// <list type="bullet">
/// <item><c>GET /stats[?gc=true]</c>: the counters and the process memory as JSON (gc=true first runs full
/// compacting collections, see <see cref="MemorySnapshot.Take"/>, so gcHeapBytes is what is live);</item>
/// <item><c>POST /nodes/{name}/heartbeat/stop</c> and <c>…/start</c>: <see cref="HollowCluster.StopHeartbeat"/>
/// and <see cref="HollowCluster.StartHeartbeat"/> (404 for a node that is not the sim's).</item>
/// </list>
/// Binds a loopback address only: it has no authentication.
/// </summary>
public sealed class HollowControl : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HollowControl(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="baseline">The memory before the cluster started, reported beside the current one.</param>
    public static async Task<HollowControl> StartAsync(HollowCluster cluster, IPEndPoint endpoint, MemorySnapshot baseline, CancellationToken ct)
    {
        if (!IPAddress.IsLoopback(endpoint.Address)) throw new ArgumentException($"the control endpoint must be a loopback address, not {endpoint.Address}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(endpoint);
        });
        var app = builder.Build();
        app.Run(context => HandleAsync(context, cluster, baseline));
        await app.StartAsync(ct);
        var bound = new Uri(app.Urls.First());
        return new HollowControl(app, new Uri($"http://{endpoint.Address}:{bound.Port}/"));
    }

    private static async Task HandleAsync(HttpContext context, HollowCluster cluster, MemorySnapshot baseline)
    {
        var request = context.Request;
        var segments = request.Path.Value?.Trim('/').Split('/') ?? [];
        if (request.Method == "GET" && segments is ["stats"])
        {
            var now = MemorySnapshot.Take(gc: request.Query["gc"] == "true");
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(StatsJson(cluster.Stats(), baseline, now), context.RequestAborted);
            return;
        }
        if (request.Method == "POST" && segments is ["nodes", var node, "heartbeat", "stop" or "start"])
        {
            if (!cluster.HasNode(node))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync($"no hollow node {node}\n", context.RequestAborted);
                return;
            }
            if (segments[3] == "stop") cluster.StopHeartbeat(node);
            else cluster.StartHeartbeat(node);
            await context.Response.WriteAsync($"heartbeat of {node} {segments[3]}ed\n", context.RequestAborted);
            return;
        }
        context.Response.StatusCode = 404;
        await context.Response.WriteAsync("GET /stats[?gc=true] | POST /nodes/{name}/heartbeat/stop|start\n", context.RequestAborted);
    }

    private static byte[] StatsJson(HollowStats s, MemorySnapshot baseline, MemorySnapshot now)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("nodes", s.Nodes);
            w.WriteNumber("registered", s.Registered);
            w.WriteNumber("heartbeating", s.Heartbeating);
            if (s.RegistrationTime is { } t) w.WriteNumber("registrationSeconds", Math.Round(t.TotalSeconds, 3));
            w.WriteNumber("pods", s.Pods);
            w.WriteNumber("starting", s.Starting);
            w.WriteNumber("running", s.Running);
            w.WriteNumber("rejected", s.Rejected);
            w.WriteNumber("completed", s.Completed);
            w.WriteNumber("terminating", s.Terminating);
            w.WriteNumber("podShapes", s.PodShapes);
            w.WriteNumber("watchEvents", s.WatchEvents);
            w.WriteNumber("nodeSyncs", s.NodeSyncs);
            w.WriteNumber("podSyncs", s.PodSyncs);
            w.WriteNumber("failures", s.Failures);
            Write(w, "baseline", baseline);
            Write(w, "memory", now);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter w, string name, MemorySnapshot m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("gcHeapBytes", m.GcHeapBytes);
        w.WriteNumber("rssBytes", m.RssBytes);
        w.WriteEndObject();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The process's memory at one moment: live GC heap and resident set size.</summary>
public readonly record struct MemorySnapshot(long GcHeapBytes, long RssBytes)
{
    /// <summary>
    /// With <paramref name="gc"/>, full blocking compacting collections run first, the last one aggressive (it
    /// gives free GC memory back to the OS), so the heap figure is live data and the RSS what the process needs now.
    /// </summary>
    public static MemorySnapshot Take(bool gc)
    {
        if (gc)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(false), self.WorkingSet64);
    }
}
