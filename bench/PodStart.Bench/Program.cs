using System.Diagnostics;
using System.Globalization;
using System.Net;
using Orca.Bench;
using Orca.PodStartBench;
using Orca.Runtime.Tests;

// podstart-bench images DIR | seq | burst | create-many | delete-all  (see bench/podstart/run.sh, bench/density/run.sh)
var cmd = args.Length > 0 ? args[0] : "";
var flags = new Dictionary<string, string>();
for (var i = 1; i + 1 < args.Length; i += 2) flags[args[i].TrimStart('-')] = args[i + 1];
string Flag(string name, string fallback) => flags.GetValueOrDefault(name) ?? fallback;
int IntFlag(string name, int fallback) => int.Parse(Flag(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
var ct = cts.Token;

if (cmd == "images")
{
    var dir = args[1];
    Console.WriteLine(TestImages.BuildBusybox("docker.io/library/busybox:bench").WriteTar(dir, "busybox-oci.tar"));
    Console.WriteLine(TestImages.BuildBusyboxDockerSave("localhost/busybox:bench").WriteTar(dir, "busybox-docker.tar"));
    return 0;
}

var config = Kubeconfig.Load(Flag("kubeconfig", Environment.GetEnvironmentVariable("KUBECONFIG") ?? ""));
using var client = Clients.Create(config, HttpVersion.Version20);
using var watchClient = Clients.Create(config, HttpVersion.Version20, Timeout.InfiniteTimeSpan);
var node = Flag("node", "bench-node");
var dataDir = Flag("data-dir", "");
var watch = await PodWatch.StartAsync(watchClient, ct);
var readyTimeout = TimeSpan.FromSeconds(IntFlag("timeout", 60));

static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

switch (cmd)
{
    case "seq":
    {
        // Sequential pods; every --podman-every pods one podman pod runs in between (interleaved peer).
        var count = IntFlag("count", 100);
        var every = IntFlag("podman-every", 0);
        var podmanDir = Flag("podman-dir", "");
        var network = Flag("podman-network", "benchnet");
        List<double> ready = [], post = [], deleted = [], stopped = [], play = [], running = [], teardown = [];
        for (var i = 0; i < count; i++)
        {
            var name = $"seq-{i:D3}";
            var start = Stopwatch.GetTimestamp();
            await BenchPod.CreateAsync(client, name, node, ct);
            var posted = Stopwatch.GetTimestamp();
            var readyAt = await watch.Ready(name).WaitAsync(readyTimeout, ct);
            post.Add(Ms(start, posted));
            ready.Add(Ms(posted, readyAt));
            var del = Stopwatch.GetTimestamp();
            await BenchPod.DeleteAsync(client, name, ct);
            deleted.Add(Ms(del, await watch.Deleted(name).WaitAsync(readyTimeout, ct)));
            if (dataDir.Length > 0) stopped.Add(Ms(del, await Conmons.WaitNoneAsync(dataDir, readyTimeout, ct)));
            if (every > 0 && (i + 1) % every == 0)
            {
                var run = await Podman.RunOnceAsync(podmanDir, $"pm-{i:D3}", network, ct);
                play.Add(run.PlayMs); running.Add(run.RunningMs); teardown.Add(run.TeardownMs);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{i + 1}] orca ready {ready[^1]:F0} ms; podman running {run.RunningMs:F0} ms"));
            }
        }
        Console.WriteLine(Stats.Line("orca.post", post));
        Console.WriteLine(Stats.Line("orca.post_to_ready", ready));
        Console.WriteLine(Stats.Line("orca.delete_to_deleted", deleted));
        Console.WriteLine(Stats.Line("orca.delete_to_no_conmon", stopped));
        if (play.Count > 0)
        {
            Console.WriteLine(Stats.Line("podman.play_returns", play));
            Console.WriteLine(Stats.Line("podman.to_running", running));
            Console.WriteLine(Stats.Line("podman.pod_rm", teardown));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio podman_to_running/orca_post_to_ready p50={Stats.Percentile(running, 50) / Stats.Percentile(ready, 50):F2}"));
        }
        return 0;
    }
    case "burst":
    {
        var count = IntFlag("count", 50);
        var names = Enumerable.Range(0, count).Select(i => $"burst-{i:D3}").ToArray();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(names.Select(n => BenchPod.CreateAsync(client, n, node, ct)));
        var posted = Stopwatch.GetTimestamp();
        var readyAt = await Task.WhenAll(names.Select(n => watch.Ready(n).WaitAsync(readyTimeout, ct)));
        var each = readyAt.Select(t => Ms(start, t)).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"orca.burst count={count} all_posted={Ms(start, posted):F0} ms all_ready={each.Max():F0} ms"));
        Console.WriteLine(Stats.Line("orca.burst_each_ready_from_start", each));
        return 0;
    }
    case "create-many":
    {
        // Density: N pods created in waves of --wave (so the machine is not swamped), all Ready.
        var count = IntFlag("count", 250);
        var wave = IntFlag("wave", 25);
        var prefix = Flag("prefix", "dense-");
        var start = Stopwatch.GetTimestamp();
        for (var first = 0; first < count; first += wave)
        {
            var names = Enumerable.Range(first, Math.Min(wave, count - first)).Select(i => $"{prefix}{i:D3}").ToArray();
            await Task.WhenAll(names.Select(n => BenchPod.CreateAsync(client, n, node, ct)));
            await Task.WhenAll(names.Select(n => watch.Ready(n).WaitAsync(TimeSpan.FromMinutes(5), ct)));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {first + names.Length} pods Ready after {Ms(start, Stopwatch.GetTimestamp()):F0} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"orca.create_many count={count} wave={wave} all_ready={Ms(start, Stopwatch.GetTimestamp()):F0} ms"));
        return 0;
    }
    case "delete-all":
    {
        var prefix = Flag("prefix", "burst-");
        var count = IntFlag("count", 50);
        var names = Enumerable.Range(0, count).Select(i => $"{prefix}{i:D3}").ToArray();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(names.Select(n => BenchPod.DeleteAsync(client, n, ct)));
        var gone = await Task.WhenAll(names.Select(n => watch.Deleted(n).WaitAsync(TimeSpan.FromMinutes(5), ct)));
        var noConmon = dataDir.Length > 0 ? Ms(start, await Conmons.WaitNoneAsync(dataDir, TimeSpan.FromMinutes(5), ct)) : double.NaN;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"orca.delete_all count={count} all_deleted={gone.Select(t => Ms(start, t)).Max():F0} ms no_conmon={noConmon:F0} ms"));
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: podstart-bench images DIR | seq|burst|delete-all --kubeconfig K [--count N] [--node N]");
        return 2;
}
