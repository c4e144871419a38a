using System.Diagnostics;
using System.Text.RegularExpressions;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// Node-pressure eviction with real containers: the server's agent gets a memory threshold no host can
/// meet (--eviction-hard memory.available&lt;1000Ti), so the node is under memory pressure from the start
/// and evicts the pods it runs. Own bridge, pod subnet 10.92.x.0/24 and agent port; swept at the end.
/// </summary>
public sealed class EvictionTests : IAsyncLifetime
{
    private readonly string _bridge = "orcav" + Guid.NewGuid().ToString("N")[..6];
    private OrcaServer _server = null!;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        var subnet = $"10.92.{Random.Shared.Next(1, 250)}.0/24";
        _server = await OrcaServer.StartAsync(agentArgs:
            ["--node-name", "e2e-node", "--bridge", _bridge, "--pod-cidr", subnet, "--ip-masq=false",
             "--agent-port", OrcaServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--eviction-hard", "memory.available<1000Ti"]);
        _kubectl = new Kubectl(_server);
        var tar = TestImages.BuildBusybox("docker.io/library/busybox:e2e").WriteTar(_server.DataDir, "busybox.tar");
        var import = Process.Start(new ProcessStartInfo(OrcaServer.Binary) { ArgumentList = { "image", "import", tar, "--data-dir", _server.DataDir }, RedirectStandardOutput = true })!;
        await import.WaitForExitAsync();
        Assert.Equal(0, import.ExitCode);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_server.IsRunning) await _kubectl.RunAsync("delete", "pods", "--all", "-n", "default", "--timeout=60s");
        }
        finally
        {
            _kubectl.Dispose();
            var dataDir = _server.DataDir;
            await _server.StopProcessAsync();
            NodeSweep.Run(dataDir, _bridge);
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_under_memory_pressure_reports_it_and_evicts_its_pod()
    {
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("get", "node", "e2e-node", "-o",
                "jsonpath={.status.conditions[?(@.type==\"MemoryPressure\")].status}/{.status.conditions[?(@.type==\"MemoryPressure\")].reason}")).Out
            == "True/KubeletHasInsufficientMemory", TimeSpan.FromSeconds(60), "MemoryPressure True");

        (await _kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: hungry, namespace: default}
            spec:
              nodeName: e2e-node
              terminationGracePeriodSeconds: 30
              containers:
              - name: app
                image: busybox:e2e
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"]
            """)).ShouldSucceed();
        var phase = "";
        await Eventually.HoldsAsync(async () => (phase = (await _kubectl.RunAsync("get", "pod", "hungry", "-o", "jsonpath={.status.phase}")).Out) == "Failed",
            TimeSpan.FromSeconds(60), $"phase Failed (last {phase})");
        // kubectl shows status.reason until the killed container's own reason replaces it.
        Assert.Matches(@"^hungry\s+0/1\s+(Evicted|Error)\s", (await _kubectl.RunAsync("get", "pod", "hungry")).Out.Split('\n')[1]);
        var status = (await _kubectl.RunAsync("get", "pod", "hungry", "-o",
            "jsonpath={.status.reason}|{.status.message}|{.status.conditions[?(@.type==\"DisruptionTarget\")].reason}")).ShouldSucceed().Out;
        Assert.True(Regex.IsMatch(status, @"^Evicted\|The node was low on resource: memory\. Threshold quantity: 1000Ti, available: \d+(Ki|Mi|Gi)\. "
            + @"Container app was using \d+(Ki|Mi)?, request is 0, has larger consumption of memory\. \|TerminationByKubelet$"), status);
        // Evicted without the 30 s grace period: the container ignoring SIGTERM is killed at once.
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("get", "pod", "hungry", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}")).Out == "137",
            TimeSpan.FromSeconds(20), "container killed");
        var events = (await _kubectl.RunAsync("get", "events", "-o", "jsonpath={range .items[*]}{.involvedObject.name}/{.type}/{.reason}{\"\\n\"}{end}")).ShouldSucceed().Out;
        Assert.Contains("hungry/Warning/Evicted", events);
        Assert.Contains("e2e-node/Normal/NodeHasInsufficientMemory", events);
    }
}
