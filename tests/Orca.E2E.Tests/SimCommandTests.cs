using System.Diagnostics;
using System.Text;

namespace Orca.E2E.Tests;

/// <summary>`orca sim` as a user runs it next to `orca server`, seen through the real kubectl.</summary>
public sealed class SimCommandTests(ServerFixture fx) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Hollow_nodes_register_ready_run_a_pod_and_stop_heartbeating_on_request()
    {
        await using var sim = await SimProcess.StartAsync(fx.Server, "--nodes", "3", "--name-prefix", "e2e-sim-", "--heartbeat", "1s", "--control", "127.0.0.1:0");

        var nodes = (await fx.Kubectl.RunAsync("get", "nodes", "-l", "orca.dev/hollow=true", "--no-headers")).ShouldSucceed().Out;
        Assert.Equal(["e2e-sim-0 Ready", "e2e-sim-1 Ready", "e2e-sim-2 Ready"],
            nodes.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))));

        var ns = await fx.NamespaceAsync("sim");
        (await fx.Kubectl.ApplyAsync($"""
            apiVersion: v1
            kind: Pod
            metadata: {"{"}name: web, namespace: {ns}{"}"}
            spec:
              nodeName: e2e-sim-1
              containers: [{"{"}name: app, image: nginx:1.27{"}"}]
            """)).ShouldSucceed();
        await Eventually.HoldsAsync(async () =>
            (await fx.Kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.status.phase} {.status.podIP}")).Out == "Running 10.128.1.2",
            because: "the pod runs on the hollow node with an IP of its range");

        using var http = new HttpClient { BaseAddress = sim.ControlUrl };
        (await http.PostAsync("nodes/e2e-sim-2/heartbeat/stop", null)).EnsureSuccessStatusCode();
        var stopped = await RenewTimeAsync("e2e-sim-2");
        var other = await RenewTimeAsync("e2e-sim-0");
        await Eventually.HoldsAsync(async () => string.CompareOrdinal(await RenewTimeAsync("e2e-sim-0"), other) > 0, because: "e2e-sim-0 renews its lease");
        var later = await RenewTimeAsync("e2e-sim-0");
        await Eventually.HoldsAsync(async () => string.CompareOrdinal(await RenewTimeAsync("e2e-sim-0"), later) > 0, because: "e2e-sim-0 renews again");
        Assert.Equal(stopped, await RenewTimeAsync("e2e-sim-2"));
    }

    private async Task<string> RenewTimeAsync(string node) =>
        (await fx.Kubectl.RunAsync("get", "lease", node, "-n", "kube-node-lease", "-o", "jsonpath={.spec.renewTime}")).ShouldSucceed().Out;

    /// <summary>An `orca sim` process; waits for its registration line; SIGTERM (then kill) on dispose.</summary>
    private sealed class SimProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private SimProcess(Process process) => _process = process;

        public Uri ControlUrl { get; private set; } = null!;

        public static async Task<SimProcess> StartAsync(OrcaServer server, params string[] args)
        {
            var psi = new ProcessStartInfo(OrcaServer.Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "sim", "--kubeconfig", server.Kubeconfig }.Concat(args)) psi.ArgumentList.Add(a);
            var sim = new SimProcess(new Process { StartInfo = psi });
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            sim._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (sim._output) sim._output.AppendLine(e.Data);
                if (e.Data.StartsWith("orca: sim control endpoint ", StringComparison.Ordinal)) sim.ControlUrl = new Uri(e.Data["orca: sim control endpoint ".Length..]);
                if (e.Data.Contains("hollow nodes registered in", StringComparison.Ordinal)) registered.TrySetResult();
            };
            sim._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (sim._output) sim._output.AppendLine(e.Data); };
            sim._process.Start();
            sim._process.BeginOutputReadLine();
            sim._process.BeginErrorReadLine();
            try
            {
                await registered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                await sim.DisposeAsync();
                Assert.Fail($"orca sim did not register its nodes:\n{sim._output}");
            }
            return sim;
        }

        public async ValueTask DisposeAsync()
        {
            if (_process.HasExited) return;
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
        }
    }
}
