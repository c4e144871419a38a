using System.Diagnostics;
using Orca.Runtime.Tests;

namespace Orca.E2E.Tests;

/// <summary>
/// The scheduler inside `orca server` places a pod that names no node on the real local node, where the
/// agent runs it. Own bridge, pod subnet (10.94.x.0/24) and agent port; everything is swept at the end.
/// </summary>
public sealed class PodSchedulingTests : IAsyncLifetime
{
    private AgentNode _node = null!;

    public async Task InitializeAsync() => _node = await AgentNode.StartOnAsync("orcas", "e2e-sched-node", $"10.94.{Random.Shared.Next(1, 250)}.0/24");

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    [Fact]
    public async Task A_pod_without_a_node_is_scheduled_onto_the_local_node_and_runs()
    {
        (await _node.Kubectl.ApplyAsync("""
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
        (await _node.Kubectl.RunAsync(["wait", "--for=condition=Ready", "pod/placed", "--timeout=90s"], null, timeout: TimeSpan.FromSeconds(100))).ShouldSucceed();
        var row = (await _node.Kubectl.RunAsync("get", "pod", "placed", "-o", "wide")).ShouldSucceed().Out.Split('\n')[1];
        Assert.Matches(@"^placed\s+1/1\s+Running\s+0\s+\S+\s+10\.94\.\d+\.\d+\s+e2e-sched-node\s", row);
        await Eventually.HoldsAsync(async () => (await _node.Kubectl.RunAsync("logs", "placed")).Out == "scheduled-and-running", TimeSpan.FromSeconds(30), "logs");
        var describe = (await _node.Kubectl.RunAsync("describe", "pod", "placed")).ShouldSucceed().Stdout;
        Assert.Matches(@"Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default/placed to e2e-sched-node", describe);
        Assert.Matches(@"PodScheduled\s+True", describe);
    }

    [Fact]
    public async Task A_pod_that_fits_nowhere_stays_pending_with_the_reason_in_describe()
    {
        (await _node.Kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: huge, namespace: default}
            spec:
              containers:
              - name: app
                image: busybox:e2e
                resources: {requests: {cpu: "100000"}}
            """)).ShouldSucceed();
        await Eventually.HoldsAsync(async () => (await _node.Kubectl.RunAsync("get", "pod", "huge", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}")).Out == "Unschedulable",
            TimeSpan.FromSeconds(30), "PodScheduled=False/Unschedulable");
        var describe = (await _node.Kubectl.RunAsync("describe", "pod", "huge")).ShouldSucceed().Stdout;
        Assert.Matches(@"Warning\s+FailedScheduling\s+.*default-scheduler\s+0/1 nodes are available: 1 Insufficient cpu\. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling\.\.", describe);
        Assert.Matches(@"Status:\s+Pending", describe);
        Assert.Matches(@"Node:\s+<none>", describe);
    }
}
