using System.Net;
using System.Text.Json;

namespace Orca.Sim.Tests;

/// <summary>The loopback control endpoint of `orca sim`: stats with memory, heartbeat switches.</summary>
public sealed class ControlTests
{
    [Fact]
    public async Task Stats_report_nodes_pods_and_memory_and_heartbeats_switch_per_node()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 2, NamePrefix = "hc-" });
        await h.Pods.CreateAsync(SimHarness.Pod("p", "hc-0"));
        await h.PodWhenAsync("p", p => p.Status.Phase == "Running", "Running");
        await using var control = await HollowControl.StartAsync(sim, new IPEndPoint(IPAddress.Loopback, 0), MemorySnapshot.Take(gc: false), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = control.Url };

        using var stats = JsonDocument.Parse(await http.GetStringAsync("stats?gc=true"));
        var root = stats.RootElement;
        Assert.Equal((2, 2, 1), (root.GetProperty("registered").GetInt32(), root.GetProperty("heartbeating").GetInt32(), root.GetProperty("running").GetInt32()));
        Assert.True(root.GetProperty("memory").GetProperty("gcHeapBytes").GetInt64() > 0);
        Assert.True(root.GetProperty("memory").GetProperty("rssBytes").GetInt64() > 0);

        using (var stop = await http.PostAsync("nodes/hc-1/heartbeat/stop", null)) Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.False(sim.IsHeartbeating("hc-1"));
        using (var start = await http.PostAsync("nodes/hc-1/heartbeat/start", null)) Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.True(sim.IsHeartbeating("hc-1"));
        using (var unknown = await http.PostAsync("nodes/elsewhere/heartbeat/stop", null)) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var other = await http.GetAsync("nodes")) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_control_endpoint_refuses_non_loopback_addresses()
    {
        await using var h = await SimHarness.StartAsync();
        var sim = await h.StartSimAsync(new HollowOptions { Nodes = 0 });
        await Assert.ThrowsAsync<ArgumentException>(() => HollowControl.StartAsync(sim, new IPEndPoint(IPAddress.Any, 0), default, CancellationToken.None));
    }
}
