using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Orca.Api.Core;
using Orca.Client;

namespace Orca.SimBench;

/// <summary>
/// Creates <c>pods</c> pods (one container, requests, labels app=simbench) with spec.nodeName = node i mod
/// <c>nodes</c> (or, when <c>scheduled</c>, without a node, for the scheduler to place) from <c>clients</c> concurrent writers over one HTTP/2 client, while one watch (label
/// app=simbench, from the list's version) stamps when each pod is first seen Running with a Ready condition
/// and a pod IP. Reports the create rate, the Running rate (first create to last Running) and the
/// create-to-Running latency.
/// </summary>
internal sealed class PodsScenario(string kubeconfig, int nodes, int pods, string prefix, int clients, string ns, TimeSpan timeout,
    bool scheduled = false)
{
    private const string Label = "app=simbench";

    private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _running = new(StringComparer.Ordinal);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var client = KubeClient.FromKubeconfig(kubeconfig);
        var api = client.Resource<Pod>();
        var digits = Math.Max(1, (nodes - 1).ToString(CultureInfo.InvariantCulture).Length);
        var listed = await api.ListAsync(ns, new ListOptions { LabelSelector = Label, Limit = 1 }, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(timeout);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Task.Run(() => WatchAsync(api, listed.ResourceVersion, all, stop.Token), CancellationToken.None);

        var started = Stopwatch.GetTimestamp();
        var next = -1;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < pods)
            {
                var name = $"sb-{i}";
                var node = prefix + (i % nodes).ToString(new string('0', digits), CultureInfo.InvariantCulture);
                _sent[name] = Stopwatch.GetTimestamp();
                try
                {
                    await api.CreateAsync(Pod(name, node), stop.Token);
                }
                catch (Exception e) when (e is ApiException or HttpRequestException or TimeoutException)
                {
                    if (Interlocked.Increment(ref failures) <= 5) Console.WriteLine($"pods: create {name} failed: {e.Message}");
                }
            }
        }, CancellationToken.None)));
        var created = Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pods: {pods} creates in {created.TotalSeconds:F1} s ({pods / created.TotalSeconds:F0}/s), {failures} failed"));

        try
        {
            await all.Task.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"pods: timed out with {_running.Count} of {pods} Running");
        }
        await stop.CancelAsync();
        await watch;
        return Report(started, created, failures);
    }

    private int Report(long started, TimeSpan created, int failures)
    {
        var lastRunning = _running.Values.DefaultIfEmpty(started).Max();
        var total = TimeSpan.FromTicks((long)((lastRunning - started) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        var latencies = _running.Select(kv => (kv.Value - _sent[kv.Key]) * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        double P(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Length) - 1, 0, latencies.Length - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pods: {_running.Count} Running {total.TotalSeconds:F1} s after the first create ({_running.Count / total.TotalSeconds:F0}/s); create→Running p50 {P(50):F0} p99 {P(99):F0} max {P(100):F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT pods n={pods} created_s={created.TotalSeconds:F1} create_rate={pods / created.TotalSeconds:F0} running={_running.Count} all_running_s={total.TotalSeconds:F1} running_rate={_running.Count / total.TotalSeconds:F0} p50_ms={P(50):F0} p99_ms={P(99):F0} max_ms={P(100):F0} failed={failures}"));
        return _running.Count == pods && failures == 0 ? 0 : 1;
    }

    private async Task WatchAsync(ResourceClient<Pod> api, string version, TaskCompletionSource all, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in api.WatchAsync(ns, new WatchOptions { LabelSelector = Label, ResourceVersion = version }, ct))
                {
                    version = e.Object.Metadata.ResourceVersion ?? version;
                    var pod = e.Object;
                    if (e.Type is not (WatchEventType.Added or WatchEventType.Modified) || pod.Status.Phase != "Running" || pod.Status.PodIP is null) continue;
                    if (pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true) continue;
                    if (_running.TryAdd(pod.Metadata.Name!, Stopwatch.GetTimestamp()) && _running.Count == pods) all.TrySetResult();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or IOException)
            {
                Console.WriteLine($"pods: watch failed ({e.Message}); resuming");
            }
        }
    }

    private Pod Pod(string name, string node)
    {
        var pod = new Pod { ApiVersion = "v1", Kind = "Pod" };
        pod.Metadata.Name = name;
        pod.Metadata.Namespace = ns;
        pod.Metadata.Labels = new() { ["app"] = "simbench", ["run"] = name };
        if (!scheduled) pod.Spec.NodeName = node;
        pod.Spec.Containers.Add(new Container
        {
            Name = "app", Image = "nginx:1.27",
            Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Orca.Api.Quantity.Parse("100m"), ["memory"] = Orca.Api.Quantity.Parse("64Mi") } },
        });
        return pod;
    }
}
