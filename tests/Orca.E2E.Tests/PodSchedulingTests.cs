using System.Diagnostics;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// The scheduler inside `orca server` places a pod that names no node on the real local node, where the
/// agent runs it. Own bridge, pod subnet (10.94.x.0/24) and agent port; everything is swept at the end.
/// </summary>
public sealed class PodSchedulingTests : IAsyncLifetime
{
    private readonly string _bridge = "orcas" + Guid.NewGuid().ToString("N")[..6];
    private OrcaServer _server = null!;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        var subnet = $"10.94.{Random.Shared.Next(1, 250)}.0/24";
        _server = await OrcaServer.StartAsync(agentArgs:
            ["--node-name", "e2e-sched-node", "--bridge", _bridge, "--pod-cidr", subnet, "--ip-masq=false",
             "--agent-port", OrcaServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        _kubectl = new Kubectl(_server);
        var tar = TestImages.BuildBusybox("docker.io/library/busybox:e2e").WriteTar(_server.DataDir, "busybox.tar");
        var import = Process.Start(new ProcessStartInfo(OrcaServer.Binary) { ArgumentList = { "image", "import", tar, "--data-dir", _server.DataDir }, RedirectStandardOutput = true })!;
        await import.WaitForExitAsync();
        Assert.Equal(0, import.ExitCode);
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("get", "node", "e2e-sched-node", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).Out == "True",
            TimeSpan.FromSeconds(60), "node e2e-sched-node Ready");
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
    public async Task A_pod_without_a_node_is_scheduled_onto_the_local_node_and_runs()
    {
        (await _kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: placed, namespace: default}
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: app
                image: busybox:e2e
                imagePullPolicy: IfNotPresent
                resources: {requests: {cpu: 10m, memory: 16Mi}}
                command: ["sh", "-c", "echo scheduled-and-running; trap 'exit 0' TERM; while true; do sleep 1; done"]
            """)).ShouldSucceed();
        (await _kubectl.RunAsync(["wait", "--for=condition=Ready", "pod/placed", "--timeout=90s"], null, timeout: TimeSpan.FromSeconds(100))).ShouldSucceed();
        var row = (await _kubectl.RunAsync("get", "pod", "placed", "-o", "wide")).ShouldSucceed().Out.Split('\n')[1];
        Assert.Matches(@"^placed\s+1/1\s+Running\s+0\s+\S+\s+10\.94\.\d+\.\d+\s+e2e-sched-node\s", row);
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("logs", "placed")).Out == "scheduled-and-running", TimeSpan.FromSeconds(30), "logs");
        var describe = (await _kubectl.RunAsync("describe", "pod", "placed")).ShouldSucceed().Stdout;
        Assert.Matches(@"Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default/placed to e2e-sched-node", describe);
        Assert.Matches(@"PodScheduled\s+True", describe);
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_stays_pending_with_the_reason_in_describe()
    {
        (await _kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: huge, namespace: default}
            spec:
              containers:
              - name: app
                image: busybox:e2e
                resources: {requests: {cpu: "100000"}}
            """)).ShouldSucceed();
        await Eventually.HoldsAsync(async () => (await _kubectl.RunAsync("get", "pod", "huge", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}")).Out == "Unschedulable",
            TimeSpan.FromSeconds(30), "PodScheduled=False/Unschedulable");
        var describe = (await _kubectl.RunAsync("describe", "pod", "huge")).ShouldSucceed().Stdout;
        Assert.Matches(@"Warning\s+FailedScheduling\s+.*default-scheduler\s+0/1 nodes are available: 1 Insufficient cpu\. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling\.\.", describe);
        Assert.Matches(@"Status:\s+Pending", describe);
        Assert.Matches(@"Node:\s+<none>", describe);
    }
}
