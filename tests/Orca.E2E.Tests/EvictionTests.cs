using System.Text.RegularExpressions;

namespace Orca.E2E.Tests;

/// <summary>
/// Node-pressure eviction with real containers: the server's agent gets a memory threshold no host can
/// meet (--eviction-hard memory.available&lt;1000Ti), so the node is under memory pressure from the start
/// and evicts the pods it runs (an <see cref="AgentNode"/> of its own).
/// </summary>
public sealed class EvictionTests : IAsyncLifetime
{
    private AgentNode _node = null!;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        _node = await AgentNode.StartAsync("orcav", "--eviction-hard", "memory.available<1000Ti");
        _kubectl = _node.Kubectl;
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
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
                resources: {requests: {cpu: 10m} }
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

        // Under memory pressure the node admits no new BestEffort pod (the one above is Burstable).
        (await _kubectl.ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: besteffort, namespace: default}
            spec:
              nodeName: e2e-node
              containers:
              - {name: app, image: busybox:e2e, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
            """)).ShouldSucceed();
        const string expected = "Failed|Evicted|Pod was rejected: The node had condition: [MemoryPressure]."; // the output is trimmed
        var refused = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && refused != expected; await Task.Delay(200))
        {
            var r = await _kubectl.RunAsync("get", "pod", "besteffort", "-o", "jsonpath={.status.phase}|{.status.reason}|{.status.message}");
            refused = r.ExitCode == 0 ? r.Out : r.Stderr;
        }
        Assert.Equal(expected, refused);
    }
}
